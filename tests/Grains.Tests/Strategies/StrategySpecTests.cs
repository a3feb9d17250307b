using FsCheck;
using FsCheck.Fluent;
using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Grains.Tests.Strategies;

public sealed class StrategySpecTests
{
    [Fact]
    public void Parse_normalizes_case_whitespace_and_parameter_order()
    {
        var spec = StrategySpec.Parse("  SMA-Cross : Slow = 200 , fast=50 ");
        Assert.Equal("sma-cross", spec.Kind);
        Assert.Equal([KeyValuePair.Create("fast", "50"), KeyValuePair.Create("slow", "200")], spec.Parameters);
        Assert.Equal("sma-cross:fast=50,slow=200", spec.ToString());
        Assert.True(spec.TryGetParameter("slow", out var slow));
        Assert.Equal("200", slow);
        Assert.False(spec.TryGetParameter("short", out _));
    }

    [Fact]
    public void Kind_without_parameters_round_trips()
    {
        var spec = StrategySpec.Parse("buy-and-hold");
        Assert.Empty(spec.Parameters);
        Assert.Equal("buy-and-hold", spec.ToString());
        Assert.Equal(spec, StrategySpec.Parse(spec.ToString()));
    }

    [Fact]
    public void Equal_specs_compare_and_hash_equal()
    {
        var a = StrategySpec.Parse("ema-cross:fast=12,slow=26");
        var b = StrategySpec.Parse("ema-cross: slow=26, fast=12");
        var c = StrategySpec.Parse("ema-cross:fast=12,slow=27");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void Create_formats_typed_values_in_invariant_culture()
    {
        var spec = StrategySpec.Create("x-kind", ("n", 3), ("k", 2.5), ("flag", true), ("tiny", 1e-7));
        Assert.Equal("x-kind:flag=true,k=2.5,n=3,tiny=1E-07", spec.ToString());
    }

    [Fact]
    public void Canonical_form_round_trips_for_any_well_formed_spec()
    {
        var letters = "abcdefghijklmnopqrstuvwxyz".ToCharArray();
        var tail = "abcdefghijklmnopqrstuvwxyz0123456789-".ToCharArray();
        var valueChars = "0123456789.eE-+abcxyzTRUEfalse".ToCharArray();
        var kind = Gen.Elements(letters).SelectMany(first => Gen.ArrayOf(Gen.Elements(tail)).Select(rest => first + new string(rest)));
        var name = Gen.Elements(letters).SelectMany(first => Gen.ArrayOf(Gen.Elements(tail.Append('_').ToArray())).Select(rest => first + new string(rest)));
        var value = Gen.NonEmptyListOf(Gen.Elements(valueChars)).Select(cs => new string(cs.ToArray()));
        var parameter = name.SelectMany(n => value.Select(v => (Name: n, Value: v)));
        var spaces = Gen.Elements("", " ", "  ");
        var generator = kind.SelectMany(k => Gen.ListOf(parameter).SelectMany(ps => spaces.Select(s => (Kind: k, Parameters: ps.DistinctBy(p => p.Name).ToList(), Space: s))));

        Prop.ForAll(generator.ToArbitrary(), sample =>
        {
            var text = sample.Parameters.Count == 0
                ? sample.Space + sample.Kind.ToUpperInvariant() + sample.Space
                : $"{sample.Kind}{sample.Space}:{string.Join(",", sample.Parameters.Select(p => $"{sample.Space}{p.Name}{sample.Space}={sample.Space}{p.Value}{sample.Space}"))}";
            var spec = StrategySpec.Parse(text);
            var canonical = spec.ToString();
            var reparsed = StrategySpec.Parse(canonical);
            var expected = sample.Parameters.Count == 0
                ? sample.Kind
                : $"{sample.Kind}:{string.Join(",", sample.Parameters.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value}"))}";
            return reparsed.Equals(spec) && reparsed.ToString() == canonical && canonical == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_syntax_error_is_reported_at_once()
    {
        var error = Assert.Throws<StrategySpecException>(() => StrategySpec.Parse("sma-cross:fast,=3,slow=,fast=1,fast=2, "));
        Assert.Equal(
            [
                "parameter 'fast' has no value (expected name=value)",
                "parameter name '' is not valid (expected lower-case letters, digits, '_' or '-', starting with a letter)",
                "parameter 'slow' has an empty value",
                "parameter 'fast' is given more than once",
                "parameter 6 is empty",
            ],
            error.Errors);
        Assert.Equal("sma-cross:fast,=3,slow=,fast=1,fast=2, ", error.Spec);
        Assert.Equal("spec", error.ParamName);
        Assert.All(error.Errors, e => Assert.Contains(e, error.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "the spec is empty (expected kind[:name=value,...])")]
    [InlineData("   ", "the spec is empty (expected kind[:name=value,...])")]
    [InlineData(":fast=1", "the strategy kind is missing")]
    [InlineData("sma cross", "strategy kind 'sma cross' is not valid (expected lower-case letters, digits and '-', starting with a letter)")]
    [InlineData("9lives", "strategy kind '9lives' is not valid (expected lower-case letters, digits and '-', starting with a letter)")]
    [InlineData("sma-cross:", "no parameters after ':'")]
    [InlineData("sma-cross:2fast=1", "parameter name '2fast' is not valid (expected lower-case letters, digits, '_' or '-', starting with a letter)")]
    public void Malformed_specs_are_rejected(string text, string expectedError)
    {
        var error = Assert.Throws<StrategySpecException>(() => StrategySpec.Parse(text));
        Assert.Equal([expectedError], error.Errors);
        Assert.False(StrategySpec.TryParse(text, out var spec));
        Assert.Null(spec);
    }

    [Fact]
    public void Constructor_checks_syntax_too()
    {
        var error = Assert.Throws<StrategySpecException>(() => new StrategySpec("Bad Kind", [KeyValuePair.Create("a", "1,2"), KeyValuePair.Create("a", "3")]));
        Assert.Equal(2, error.Errors.Count);
        Assert.Throws<ArgumentNullException>(() => StrategySpec.Parse(null!));
        Assert.False(StrategySpec.TryParse(null, out _));
    }
}
