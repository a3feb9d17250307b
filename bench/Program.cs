using TradingRobotPlug.Benchmarks;
using TradingRobotPlug.Benchmarks.Scenarios;

// dotnet run -c Release --project bench -- runtime [--seconds 5] [--warmup 2] [--repeat 3] [--only calls,g2g,streams,activations] [--no-write]
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("Usage: dotnet run -c Release --project bench -- runtime [--seconds N] [--warmup N] [--repeat N] [--only calls-100,calls-64,calls-1,g2g,streams-100x1,streams-1x100,activations] [--no-write] [--results PATH]");
    return 2;
}

#if DEBUG
Console.Error.WriteLine("Benchmarks must run in Release: dotnet run -c Release --project bench -- runtime");
return 2;
#else
return await RuntimeBenchmarks.RunAsync(options);
#endif
