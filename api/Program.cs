using TradingRobotPlug.Api.Features;
using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.Api.Hosting;
using TradingRobotPlug.Api.Realtime;
using TradingRobotPlug.Api.Replay;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, TradingClusterHostingExtensions.SwitchMappings.ToDictionary());
builder.UseLoopbackUnlessKeyed();
builder.AddTradingCluster();
builder.AddTradingApi();
builder.AddRestApi();
builder.AddDashboardRealtime();
builder.AddMarketReplay();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthAndOpenApi();
app.MapRestApi();
app.MapDashboardHub();
app.MapDashboard();
app.Run();

/// <summary>Entry point (public for WebApplicationFactory).</summary>
public partial class Program;
