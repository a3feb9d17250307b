using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.GrainInterfaces.Grains;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Tests.Infrastructure;

/// <summary>Helpers for driving the REST API in tests.</summary>
public static class RestClient
{
    /// <summary>The API's JSON conventions (camelCase, enums as strings).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Reads a response body as <typeparamref name="T"/> with the API's conventions.</summary>
    public static async Task<T> Read<T>(this HttpResponseMessage response)
        => (await response.Content.ReadFromJsonAsync<T>(Json))!;

    /// <summary>Reads the body as JSON.</summary>
    public static Task<JsonElement> ReadJson(this HttpResponseMessage response) => response.Read<JsonElement>();

    /// <summary>POSTs a JSON body written with the API's conventions.</summary>
    public static Task<HttpResponseMessage> PostJson(this HttpClient http, string url, object body)
        => http.PostAsJsonAsync(url, body, Json);

    /// <summary>POSTs raw text as application/json.</summary>
    public static Task<HttpResponseMessage> PostRaw(this HttpClient http, string url, string json)
        => http.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>The error messages of a ValidationProblem field, or an empty array.</summary>
    public static string[] FieldErrors(this JsonElement problem, string field)
        => problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var list)
            ? [.. list.EnumerateArray().Select(e => e.GetString()!)]
            : [];

    /// <summary>
    /// Replays the bundled data set as <paramref name="symbol"/> at full speed through <c>POST /api/v1/replays</c>, waits for
    /// the replay to complete (by polling its status) and for each listed strategy to have processed every bar.
    /// </summary>
    public static async Task<ReplayStatus> ReplayAndWait(ApiFactory factory, HttpClient http, string symbol, params string[] strategies)
    {
        var started = await http.PostJson("/api/v1/replays", new { dataSet = DemoSeeder.DataSet, symbol, speed = 0 });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        ReplayStatus status;
        while (true)
        {
            status = await (await http.GetAsync("/api/v1/replays/current")).Read<ReplayStatus>();
            if (status.State is ReplayState.Completed or ReplayState.Failed or ReplayState.Stopped)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"replay stuck: {status}");
            await Task.Delay(20);
        }

        Assert.Equal(ReplayState.Completed, status.State);
        var client = factory.Services.GetRequiredService<IClusterClient>();
        foreach (var id in strategies)
        {
            await client.GetGrain<IStrategyGrain>(id).WaitForBars(status.TotalBars).WaitAsync(TimeSpan.FromSeconds(120));
        }

        return status;
    }
}
