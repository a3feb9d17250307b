using TradingRobotPlug.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(TradingClusterHostingExtensions.ExpandFlags(args), TradingClusterHostingExtensions.SwitchMappings.ToDictionary());
builder.AddTradingRobotPlug();

var app = builder.Build();
app.MapTradingRobotPlug();
app.MapDashboard();
app.Run();

/// <summary>Entry point (public for WebApplicationFactory).</summary>
public partial class Program;
