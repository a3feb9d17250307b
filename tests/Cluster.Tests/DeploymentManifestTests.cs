using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using TradingRobotPlug.Api.Hosting;
using TradingRobotPlug.Grains.Hosting;
using YamlDotNet.RepresentationModel;

namespace TradingRobotPlug.Cluster.Tests;

/// <summary>
/// Docker and Kubernetes are not available here, so the deployment files are checked statically: every file parses,
/// and every setting it passes is one the executables read — each <c>serve</c> option is one the silo's command line
/// has (its <c>--help</c>), each <c>Trading__*</c> variable binds a property of <see cref="TradingApiOptions"/>, each
/// <c>$(VAR)</c> refers to a variable the container defines, each Secret key exists, the cluster and service ids agree,
/// and the Kubernetes silos give Microsoft.Orleans.Hosting.Kubernetes every variable it reads.
/// </summary>
public sealed partial class DeploymentManifestTests
{
    private static readonly string[] KubernetesHostingVariables = ["POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_CLUSTER_ID", "ORLEANS_SERVICE_ID"];
    private static readonly Lazy<HashSet<string>> ServeOptions = new(ReadServeOptions);

    private static string DeployPath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "deploy", .. parts]);

    [Fact]
    public void The_compose_file_passes_only_settings_the_executables_read()
    {
        var root = (YamlMappingNode)Load(DeployPath("compose.yaml")).Single().RootNode;
        var services = (YamlMappingNode)root["services"];
        var siloClusterIds = new List<string>();
        string? apiClusterId = null;
        foreach (var (nameNode, serviceNode) in services.Children)
        {
            var service = (YamlMappingNode)serviceNode;
            string name = ((YamlScalarNode)nameNode).Value!;
            var command = service.Children.TryGetValue("command", out var c) ? Strings(c) : [];
            if (command.Contains("TradingRobotPlug.Silo.dll"))
            {
                var args = command.SkipWhile(a => a != "serve").ToList();
                Assert.True(args.Count > 0, $"{name}: a silo service runs the serve verb");
                AssertServeOptions(name, args);
                siloClusterIds.Add(ValueOf(args, "--cluster-id"));
            }

            if (command.Contains("TradingRobotPlug.Api.dll"))
            {
                var environment = (YamlMappingNode)service["environment"];
                foreach (var (key, value) in environment.Children)
                {
                    AssertEnvironmentVariableIsRead(name, ((YamlScalarNode)key).Value!);
                }

                apiClusterId = ((YamlScalarNode)environment["Trading__ClusterId"]).Value;
            }
        }

        Assert.True(siloClusterIds.Count >= 3, "three standalone silos");
        Assert.NotNull(apiClusterId);
        Assert.All(siloClusterIds, id => Assert.Equal(apiClusterId, id));
        Assert.NotEmpty(Directory.GetFiles(DeployPath("sql"), "*.sql")); // mounted into the PostgreSQL container's init folder
    }

    [Fact]
    public void The_kubernetes_manifests_pass_only_settings_the_executables_read()
    {
        var documents = Directory.GetFiles(DeployPath("kubernetes"), "*.yaml").OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(Load).Select(d => (YamlMappingNode)d.RootNode).ToList();
        Assert.Contains(documents, d => Kind(d) == "Service");
        var secretKeys = documents.Where(d => Kind(d) == "Secret")
            .SelectMany(d => ((YamlMappingNode)d["stringData"]).Children.Keys.Select(k => $"{((YamlScalarNode)d["metadata"]["name"]).Value}/{((YamlScalarNode)k).Value}"))
            .ToHashSet(StringComparer.Ordinal);
        var clusterIds = new List<string>();
        int silos = 0, apis = 0;
        foreach (var deployment in documents.Where(d => Kind(d) == "Deployment"))
        {
            var pod = (YamlMappingNode)deployment["spec"]["template"];
            foreach (var containerNode in (YamlSequenceNode)pod["spec"]["containers"])
            {
                var container = (YamlMappingNode)containerNode;
                string name = ((YamlScalarNode)container["name"]).Value!;
                var command = container.Children.TryGetValue("command", out var c) ? Strings(c) : [];
                var args = container.Children.TryGetValue("args", out var a) ? Strings(a) : [];
                var env = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var variable in ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>())
                {
                    string key = ((YamlScalarNode)variable["name"]).Value!;
                    if (variable.Children.TryGetValue("value", out var v))
                    {
                        AssertReferencesDefined(name, ((YamlScalarNode)v).Value!, env);
                        env[key] = ((YamlScalarNode)v).Value;
                    }
                    else
                    {
                        var from = (YamlMappingNode)variable["valueFrom"];
                        if (from.Children.TryGetValue("secretKeyRef", out var secret))
                        {
                            string reference = $"{((YamlScalarNode)secret["name"]).Value}/{((YamlScalarNode)secret["key"]).Value}";
                            Assert.True(secretKeys.Contains(reference), $"{name}: {key} refers to the missing Secret key {reference}");
                        }

                        env[key] = null;
                    }
                }

                foreach (var arg in args)
                {
                    AssertReferencesDefined(name, arg, env);
                }

                if (command.Contains("TradingRobotPlug.Silo.dll"))
                {
                    silos++;
                    Assert.Equal("serve", args[0]);
                    AssertServeOptions(name, args);
                    Assert.Contains("--kubernetes", args);
                    Assert.All(KubernetesHostingVariables, v => Assert.True(env.ContainsKey(v), $"{name}: {v} is read by Microsoft.Orleans.Hosting.Kubernetes"));
                    Assert.Equal(TradingClusterHosting.ServiceId, env["ORLEANS_SERVICE_ID"]);
                    var labels = (YamlMappingNode)pod["metadata"]["labels"];
                    Assert.Equal(TradingClusterHosting.ServiceId, ((YamlScalarNode)labels["orleans/serviceId"]).Value);
                    Assert.Equal(env["ORLEANS_CLUSTER_ID"], ((YamlScalarNode)labels["orleans/clusterId"]).Value);
                    clusterIds.Add(env["ORLEANS_CLUSTER_ID"]!);
                }
                else if (command.Contains("TradingRobotPlug.Api.dll"))
                {
                    apis++;
                    foreach (var key in env.Keys.Where(k => k.StartsWith("Trading__", StringComparison.Ordinal)))
                    {
                        AssertEnvironmentVariableIsRead(name, key);
                    }

                    clusterIds.Add(env["Trading__ClusterId"]!);
                }
                else
                {
                    Assert.Fail($"{name}: runs neither the silo nor the API");
                }
            }
        }

        Assert.Equal((1, 1), (silos, apis));
        Assert.Single(clusterIds.Distinct());
    }

    private static IEnumerable<YamlDocument> Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents;
    }

    private static string? Kind(YamlMappingNode document)
        => document.Children.TryGetValue("kind", out var kind) ? ((YamlScalarNode)kind).Value : null;

    private static List<string> Strings(YamlNode node) => [.. ((YamlSequenceNode)node).Cast<YamlScalarNode>().Select(s => s.Value!)];

    private static string ValueOf(List<string> args, string option)
    {
        int i = args.IndexOf(option);
        Assert.True(i >= 0 && i + 1 < args.Count, $"{option} is given with a value");
        return args[i + 1];
    }

    private static void AssertServeOptions(string where, IEnumerable<string> args)
    {
        foreach (var option in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            Assert.True(ServeOptions.Value.Contains(option), $"{where}: '{option}' is not an option of `silo serve` ({string.Join(", ", ServeOptions.Value)})");
        }
    }

    /// <summary><c>Trading__{Property}</c> or <c>Trading__{ArrayProperty}__{index}</c> binds <see cref="TradingApiOptions"/>; ASP.NET's own variables pass.</summary>
    private static void AssertEnvironmentVariableIsRead(string where, string key)
    {
        if (key is "ASPNETCORE_URLS" or "POD_IP")
        {
            return;
        }

        var parts = key.Split("__");
        Assert.True(parts.Length is 2 or 3 && parts[0] == TradingApiOptions.Section, $"{where}: {key} is not a Trading__ setting the API reads");
        var property = typeof(TradingApiOptions).GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance);
        Assert.True(property is { CanWrite: true }, $"{where}: {key}: TradingApiOptions has no settable property {parts[1]}");
        if (parts.Length == 3)
        {
            Assert.True(property!.PropertyType.IsArray && int.TryParse(parts[2], out _), $"{where}: {key}: {parts[1]} is not a list indexed by a number");
        }
    }

    private static void AssertReferencesDefined(string where, string text, Dictionary<string, string?> env)
    {
        foreach (Match m in Reference().Matches(text))
        {
            Assert.True(env.ContainsKey(m.Groups[1].Value), $"{where}: $({m.Groups[1].Value}) is not defined before it is used");
        }
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();

    /// <summary>The options `silo serve --help` lists.</summary>
    private static HashSet<string> ReadServeOptions()
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TradingRobotPlug.Silo.dll"));
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--help");
        using var process = Process.Start(info)!;
        string help = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var options = Regex.Matches(help, @"(?<=\s)--[a-z][a-z-]*").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("--postgres", options);
        return options;
    }
}
