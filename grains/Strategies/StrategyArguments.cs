namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// The checked, typed parameter values of one strategy instance (defaults filled in), handed to the kind's factory.
/// </summary>
public sealed class StrategyArguments
{
    private readonly StrategyDefinition _definition;
    private readonly IReadOnlyDictionary<string, double> _values;

    internal StrategyArguments(StrategyDefinition definition, StrategySpec spec, IReadOnlyDictionary<string, double> values)
    {
        _definition = definition;
        _values = values;
        Spec = spec;
    }

    /// <summary>
    /// The normalized spec: every declared parameter present (defaults included) in canonical text, sorted by name.
    /// This is the strategy's identity: persisting it keeps its meaning even if defaults change later.
    /// </summary>
    public StrategySpec Spec { get; }

    /// <summary>An integer parameter's value.</summary>
    /// <exception cref="KeyNotFoundException">The kind declares no such parameter.</exception>
    /// <exception cref="InvalidOperationException">The parameter is not an integer.</exception>
    public int GetInt32(string name) => (int)Get(name, StrategyParameterType.Integer);

    /// <summary>A real (or integer) parameter's value.</summary>
    /// <exception cref="KeyNotFoundException">The kind declares no such parameter.</exception>
    /// <exception cref="InvalidOperationException">The parameter is a boolean.</exception>
    public double GetDouble(string name) => Get(name, StrategyParameterType.Real);

    /// <summary>A boolean parameter's value.</summary>
    /// <exception cref="KeyNotFoundException">The kind declares no such parameter.</exception>
    /// <exception cref="InvalidOperationException">The parameter is not a boolean.</exception>
    public bool GetBoolean(string name) => Get(name, StrategyParameterType.Boolean) != 0;

    private double Get(string name, StrategyParameterType wanted)
    {
        var parameter = _definition.Parameters.FirstOrDefault(p => p.Name == name)
            ?? throw new KeyNotFoundException($"Strategy kind '{_definition.Kind}' has no parameter '{name}'.");
        var compatible = parameter.Type == wanted || (wanted == StrategyParameterType.Real && parameter.Type == StrategyParameterType.Integer);
        if (!compatible)
        {
            throw new InvalidOperationException($"Parameter '{name}' of '{_definition.Kind}' is {parameter.Type}, not {wanted}.");
        }

        return _values[name];
    }
}
