namespace TradingRobotPlug.Api.Features.Experiments;

/// <summary>What a client sends to create an experiment: two existing strategies by id (create them first with
/// <c>POST /api/v1/strategies</c>, e.g. with the same <c>name</c> and versions <c>1.0</c> and <c>1.1</c>).</summary>
/// <param name="Id">Experiment id (a slug with the rules of a strategy id); default: the name lower-cased with spaces as '-'.</param>
/// <param name="Name">Display name, e.g. <c>trend</c>; required (1-64 of A-Z, a-z, 0-9, ' ', '.', '_', '-', starting with a letter or digit).</param>
/// <param name="Control">Id of the control strategy (the current version); required, must exist.</param>
/// <param name="Treatment">Id of the treatment strategy (the candidate); required, must exist, differ from the control and trade the same instruments and timeframe.</param>
public sealed record ExperimentDefinition(string? Id, string? Name, string? Control, string? Treatment);
