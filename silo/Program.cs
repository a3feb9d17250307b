using System.CommandLine;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Silo;
using TradingRobotPlug.Silo.Backtest;

var data = new Option<string>("--data") { Description = "OHLCV CSV file (date,open,high,low,close,volume).", DefaultValueFactory = _ => BacktestOptions.DefaultDataPath };
var symbol = new Option<string>("--symbol") { Description = "Instrument symbol.", DefaultValueFactory = _ => "SPX" };
var strategies = new Option<string[]>("--strategy") { Description = "Strategy spec, e.g. \"sma-cross:fast=50,slow=200\" (repeatable)." };
var capital = new Option<decimal>("--capital") { Description = "Starting capital per strategy.", DefaultValueFactory = _ => 100_000m };
var feeBps = new Option<decimal>("--fee-bps") { Description = "Fee in basis points of notional.", DefaultValueFactory = _ => 0m };
var slippageBps = new Option<decimal>("--slippage-bps") { Description = "Slippage in basis points against the trader.", DefaultValueFactory = _ => 0m };
var indicators = new Option<string?>("--indicators") { Description = "Indicator columns for indicators.csv, e.g. \"sma:20,rsi:14,macd:12:26:9\"." };
var benchmark = new Option<string?>("--benchmark") { Description = "Benchmark instrument (buy-and-hold with the same capital, fees and slippage); default: --symbol. Another instrument needs --benchmark-data." };
var benchmarkData = new Option<string?>("--benchmark-data") { Description = "OHLCV CSV file of the --benchmark instrument (same timeframe as --data, ending no earlier)." };
var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => "out" };
var onBadRow = new Option<string>("--on-bad-row") { Description = "fail (default: exit 2 listing bad rows) or skip (skip and report each).", DefaultValueFactory = _ => "fail" };
onBadRow.AcceptOnlyFromAmong("fail", "skip");
var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string: keep grain state (bar history, strategies) durable there." };
var resume = new Option<bool>("--resume") { Description = "Continue a run stopped part way from the state in --postgres (same data and strategies)." };
var publishChunk = new Option<int>("--publish-chunk") { Description = "Bars per publish call.", DefaultValueFactory = _ => BacktestOptions.DefaultPublishChunk, Hidden = true };
var timeframe = new Option<string?>("--timeframe") { Description = "Bar timeframe of --data: 1m, 5m, 15m, 1h or 1d (default: inferred from the timestamps, the smallest gap between bars)." };
timeframe.AcceptOnlyFromAmong("1m", "5m", "15m", "1h", "1d");
var experiments = new Option<string[]>("--experiment") { Description = "A/B experiment \"name=trend;control=SPEC;treatment=SPEC\" (repeatable): runs both arms and writes experiments.json." };
var throttleMs = new Option<int>("--throttle-ms") { Description = "Pause after each published chunk (ms), to stop a run part way in tests.", Hidden = true };

var backtest = new Command("backtest", "Replay a CSV through strategy grains and write summary.json, trades.csv, equity.csv, buckets.csv.")
{
    data, symbol, strategies, capital, feeBps, slippageBps, indicators, output, onBadRow, postgres, resume, publishChunk, throttleMs, timeframe, experiments, benchmark, benchmarkData,
};

backtest.SetAction((parse, ct) => BacktestRunner.RunAsync(
    Options(parse, parse.GetValue(strategies) is { Length: > 0 } s ? s : parse.GetValue(experiments) is { Length: > 0 } ? [] : BacktestOptions.DemoStrategies),
    Console.Out,
    Console.Error,
    ct));

var schemaPostgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string of the database to check or apply the schema to." };
var schemaApply = new Option<bool>("--apply") { Description = "Apply the schema to --postgres (idempotent), then verify it." };
var schema = new Command("schema", "Print the PostgreSQL schema and queries of Orleans' ADO.NET providers (deploy/sql/), or apply them with --apply --postgres.")
{
    schemaPostgres, schemaApply,
};
schema.SetAction((parse, ct) => SchemaCommand.RunAsync(parse.GetValue(schemaPostgres), parse.GetValue(schemaApply), Console.Out, Console.Error, ct));

var servePostgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string: membership, grain state and stream subscriptions." };
var clusterId = new Option<string>("--cluster-id") { Description = "Cluster id shared by the silos of one cluster.", DefaultValueFactory = _ => "trp" };
var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo TCP port.", DefaultValueFactory = _ => 11111 };
var gatewayPort = new Option<int>("--gateway-port") { Description = "Client gateway TCP port.", DefaultValueFactory = _ => 30000 };
var advertised = new Option<string>("--advertised-address") { Description = "IP address this silo is reached at (multi-host deployments).", DefaultValueFactory = _ => "127.0.0.1" };
var kubernetes = new Option<bool>("--kubernetes") { Description = "Run as a Kubernetes pod: silo identity, address and cluster id from the pod's environment (Microsoft.Orleans.Hosting.Kubernetes)." };
var serve = new Command("serve", "Run one standalone silo of a multi-silo cluster on PostgreSQL until SIGTERM or Ctrl+C.")
{
    servePostgres, clusterId, siloPort, gatewayPort, advertised, kubernetes,
};
serve.SetAction((parse, ct) => ServeCommand.RunAsync(
    new ServeOptions(parse.GetValue(servePostgres), parse.GetValue(clusterId)!, parse.GetValue(siloPort), parse.GetValue(gatewayPort), parse.GetValue(advertised)!, parse.GetValue(kubernetes)),
    Console.Error,
    ct));

var userName = new Option<string>("--name") { Description = "Owner name (letters, digits, '.', '_', '-', '@').", Required = true };
var userRole = new Option<string>("--role") { Description = "viewer, trader or operator.", DefaultValueFactory = _ => "trader" };
userRole.AcceptOnlyFromAmong(UsersCommand.Roles);
var userIndex = new Option<int>("--index") { Description = "The n of Trading__Users__n__… in the printed configuration.", DefaultValueFactory = _ => 0 };
var usersKey = new Command("key", "Print a new random API key, its SHA-256 and the API configuration (Trading__Users__n__Name, Role, ApiKeyHash) for an owner.")
{
    userName, userRole, userIndex,
};
usersKey.SetAction(parse => UsersCommand.PrintKey(parse.GetValue(userName)!, parse.GetValue(userRole)!, parse.GetValue(userIndex), Console.Out));
var usersSigningKey = new Command("signing-key", "Print a new random JWT signing key (Trading__Jwt__SigningKey).");
usersSigningKey.SetAction(_ => UsersCommand.PrintSigningKey(Console.Out));
var tokenName = new Option<string>("--name") { Description = "Owner name (the token's name claim).", Required = true };
var tokenRole = new Option<string>("--role") { Description = "viewer, trader or operator (the token's role claim).", DefaultValueFactory = _ => "trader" };
tokenRole.AcceptOnlyFromAmong(UsersCommand.Roles);
var signingKey = new Option<string?>("--signing-key") { Description = "The API's Trading:Jwt:SigningKey; default: the environment variable Trading__Jwt__SigningKey (keeps it out of the shell history)." };
var issuer = new Option<string>("--issuer") { Description = "The API's Trading:Jwt:Issuer.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Trading__Jwt__Issuer") ?? UsersCommand.DefaultIssuer };
var audience = new Option<string>("--audience") { Description = "The API's Trading:Jwt:Audience.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Trading__Jwt__Audience") ?? UsersCommand.DefaultIssuer };
var hours = new Option<double>("--hours") { Description = "Lifetime in hours.", DefaultValueFactory = _ => 8 };
var usersToken = new Command("token", "Print a JWT (HMAC-SHA256) for a name and role, for Authorization: Bearer.")
{
    tokenName, tokenRole, signingKey, issuer, audience, hours,
};
usersToken.SetAction(parse => UsersCommand.PrintToken(
    parse.GetValue(tokenName)!,
    parse.GetValue(tokenRole)!,
    parse.GetValue(signingKey) ?? Environment.GetEnvironmentVariable("Trading__Jwt__SigningKey"),
    parse.GetValue(issuer)!,
    parse.GetValue(audience)!,
    parse.GetValue(hours),
    Console.Out,
    Console.Error));
var users = new Command("users", "Make credentials for the API's owners, for local use: API keys with their hashes, JWT signing keys, signed tokens.")
{
    usersKey, usersSigningKey, usersToken,
};

var root = new RootCommand("TradingRobotPlug silo. With no command: backtest the seven demo strategies on the bundled S&P 500 data.") { backtest, schema, serve, users };
root.SetAction((parse, ct) => BacktestRunner.RunAsync(
    new BacktestOptions(BacktestOptions.DefaultDataPath, "SPX", BacktestOptions.DemoStrategies, 100_000m, 0m, 0m, null, "out", false), Console.Out, Console.Error, ct));

var parsed = root.Parse(args);
// A standalone silo leaves SIGTERM and Ctrl+C to its host, which shuts Orleans down gracefully (deactivations, leaving the
// membership table) and may take longer than System.CommandLine's two-second termination timeout.
var invocation = new InvocationConfiguration();
if (parsed.CommandResult.Command == serve)
{
    invocation.ProcessTerminationTimeout = null;
}

return await parsed.InvokeAsync(invocation);

BacktestOptions Options(ParseResult parse, IReadOnlyList<string> specs) => new(
    parse.GetValue(data)!,
    parse.GetValue(symbol)!,
    specs,
    parse.GetValue(capital),
    parse.GetValue(feeBps),
    parse.GetValue(slippageBps),
    parse.GetValue(indicators),
    parse.GetValue(output)!,
    parse.GetValue(onBadRow) == "skip",
    parse.GetValue(postgres),
    parse.GetValue(resume),
    parse.GetValue(publishChunk),
    parse.GetValue(throttleMs),
    parse.GetValue(timeframe) is { } tf ? TimeframeExtensions.Parse(tf) : null,
    parse.GetValue(experiments),
    parse.GetValue(benchmark),
    parse.GetValue(benchmarkData));
