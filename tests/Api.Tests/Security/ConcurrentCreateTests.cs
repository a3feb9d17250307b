using System.Net;
using TradingRobotPlug.Api.Tests.Infrastructure;

namespace TradingRobotPlug.Api.Tests.Security;

/// <summary>Six identical creates of a fresh id at once (issue 12, door 5): exactly one 201, the others 200, one strategy running.</summary>
public sealed class ConcurrentCreateTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Parallel_identical_creates_of_a_fresh_id_answer_exactly_one_201_and_start_it_once()
    {
        using var http = factory.CreateClient();
        for (int round = 0; round < 30; round++)
        {
            var body = new { id = $"race-{round}", kind = "buy-and-hold", instruments = new[] { "RACE" }, capital = 1000m };
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => http.PostJson("/api/v1/strategies", body)));
            var codes = answers.Select(a => a.StatusCode).ToList();
            Assert.True(codes.Count(c => c == HttpStatusCode.Created) == 1 && codes.Count(c => c == HttpStatusCode.OK) == 5,
                $"round {round}: {string.Join(", ", codes)}");
            foreach (var answer in answers)
            {
                Assert.Equal("Running", (await answer.ReadJson()).GetProperty("status").GetString());
            }
        }
    }
}
