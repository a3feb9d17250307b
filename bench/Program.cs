using TradingRobotPlug.Benchmarks;
using TradingRobotPlug.Benchmarks.Api;
using TradingRobotPlug.Benchmarks.Scenarios;
using TradingRobotPlug.Benchmarks.Trading;

// dotnet run -c Release --project bench -- runtime [--seconds 5] [--warmup 2] [--repeat 3] [--only calls,g2g,streams,activations] [--stream-batch 100] [--no-write]
// dotnet run -c Release --project bench -- replay [--repeat 5] [--strategies 100] [--data PATH]
// dotnet run -c Release --project bench -- load [--repeat 3] [--symbols 500] [--per-symbol 20] [--tick-seconds 5] [--hours 6.5] [--round 60] [--seed N]
// dotnet run -c Release --project bench -- load --cluster ID --postgres CS --silos N [--postgres-pid PID] [load options]   (bench/tickload-cluster.sh)
// dotnet run -c Release --project bench -- load-silo --postgres CS --cluster-id ID --silo-port N --gateway-port N        (one silo of that cluster)
// dotnet run -c Release --project bench -- api [--only snapshot,tick,clients] [--rate 2000] [--seconds 10] [--clients 1000] ...
const string Usage = """
    Usage: dotnet run -c Release --project bench -- runtime [--seconds N] [--warmup N] [--repeat N] [--only calls-100,calls-64,calls-1,g2g,streams-100x1,streams-1x100,activations] [--stream-batch N] [--no-write] [--results PATH]
           dotnet run -c Release --project bench -- replay [--repeat N] [--strategies N] [--data PATH]
           dotnet run -c Release --project bench -- replay-profile [--strategies N] [--data PATH]
           dotnet run -c Release --project bench -- load [--repeat N] [--symbols N] [--per-symbol N] [--tick-seconds N] [--hours H] [--round N] [--stream-cache-seconds N] [--seed N]
           dotnet run -c Release --project bench -- load --cluster ID --postgres CS --silos N [--postgres-pid PID] [--create-concurrency N] [--symbols N] [--per-symbol N] [--tick-seconds N] [--hours H] [--round N] [--seed N]
           dotnet run -c Release --project bench -- load-silo --postgres CS --cluster-id ID --silo-port N --gateway-port N
           dotnet run -c Release --project bench -- api [--only snapshot,tick,clients] [--rate N] [--seconds N] [--warmup N] [--connections N] [--strategies N] [--rounds N] [--chunk N] [--paced-rate N] [--paced-seconds N] [--high-push-rate N] [--clients N] [--client-replay-speed N] [--data-dir PATH]
    """;

string suite = args.Length > 0 ? args[0] : string.Empty;
BenchmarkOptions? runtimeOptions = null;
TradingBenchmarkOptions? tradingOptions = null;
ApiBenchmarkOptions? apiOptions = null;
LoadSiloOptions? loadSiloOptions = null;
try
{
    if (suite == "runtime")
    {
        runtimeOptions = BenchmarkOptions.Parse(args);
    }
    else if (suite == "load-silo")
    {
        loadSiloOptions = LoadSiloOptions.Parse(args);
    }
    else if (suite == "api")
    {
        apiOptions = ApiBenchmarkOptions.Parse(args);
    }
    else
    {
        tradingOptions = TradingBenchmarkOptions.Parse(args);
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

#if DEBUG
Console.Error.WriteLine($"Benchmarks must run in Release: dotnet run -c Release --project bench -- {suite}");
return 2;
#else
if (runtimeOptions is not null)
{
    return await RuntimeBenchmarks.RunAsync(runtimeOptions);
}

if (loadSiloOptions is not null)
{
    return await LoadSilo.RunAsync(loadSiloOptions);
}

if (apiOptions is not null)
{
    return await ApiBenchmark.RunAsync(apiOptions);
}

return tradingOptions!.Suite switch
{
    "replay" => await ReplayBenchmark.RunAsync(tradingOptions),
    "replay-profile" => ReplayProfile.Run(tradingOptions),
    _ when tradingOptions.Cluster is not null => await ClusterTickLoadBenchmark.RunAsync(tradingOptions),
    _ => await TickLoadBenchmark.RunAsync(tradingOptions),
};
#endif
