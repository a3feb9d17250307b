using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using TradingRobotPlug.Runtime.Activation;
using TradingRobotPlug.Runtime.Concurrency;
using TradingRobotPlug.Runtime.Invocation;
using TradingRobotPlug.Runtime.Storage;
using TradingRobotPlug.Runtime.Streams;

namespace TradingRobotPlug.Runtime.Catalog;

/// <summary>
/// Built once at start-up from the grain assemblies: generated interface metadata (proxies, method flags, boundary
/// types) and grain classes (found by reflection, each given a compiled constructor delegate). No reflection happens
/// per call afterwards.
/// </summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainInterfaceBinding> _interfaces = [];
    private readonly Dictionary<string, GrainClassInfo> _classesByType = new(StringComparer.Ordinal);

    public GrainTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        var asmList = assemblies.Distinct().ToList();
        var classes = new List<GrainClassInfo>();
        foreach (var asm in asmList)
        {
            foreach (var type in SafeGetTypes(asm))
            {
                if (type is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(type) && !type.IsGenericTypeDefinition)
                {
                    var info = CreateClassInfo(type);
                    if (_classesByType.TryGetValue(info.GrainType, out var existing))
                    {
                        throw new InvalidOperationException($"Grain classes {existing.ClassType.FullName} and {type.FullName} have the same grain type name '{info.GrainType}'. Rename one.");
                    }

                    _classesByType.Add(info.GrainType, info);
                    classes.Add(info);
                }
            }
        }

        foreach (var asm in asmList)
        {
            foreach (var attr in asm.GetCustomAttributes<GrainMetadataProviderAttribute>())
            {
                var provider = (IGrainMetadataProvider)Activator.CreateInstance(attr.ProviderType)!;
                foreach (var meta in provider.GetGrainInterfaces())
                {
                    if (_interfaces.ContainsKey(meta.InterfaceType))
                    {
                        continue;
                    }

                    var impls = classes.Where(c => meta.InterfaceType.IsAssignableFrom(c.ClassType)).ToList();
                    string? problem = impls.Count switch
                    {
                        0 => $"No grain class implements {meta.InterfaceType.FullName}.",
                        1 => null,
                        _ => $"{meta.InterfaceType.FullName} is implemented by several grain classes ({string.Join(", ", impls.Select(i => i.ClassType.Name))}); address one of their own interfaces instead.",
                    };
                    _interfaces.Add(meta.InterfaceType, new GrainInterfaceBinding(meta, impls.Count == 1 ? impls[0] : null, problem));
                }
            }
        }
    }

    public IReadOnlyCollection<GrainClassInfo> Classes => _classesByType.Values;

    public IReadOnlyCollection<GrainInterfaceBinding> Interfaces => _interfaces.Values;

    public GrainInterfaceBinding GetInterface(Type interfaceType)
    {
        if (_interfaces.TryGetValue(interfaceType, out var binding))
        {
            if (binding.Implementation is null)
            {
                throw new InvalidOperationException(binding.Problem);
            }

            return binding;
        }

        if (!interfaceType.IsInterface || !typeof(IGrain).IsAssignableFrom(interfaceType))
        {
            throw new ArgumentException($"{interfaceType.FullName} is not a grain interface (it must be an interface deriving from IGrainWithStringKey, IGrainWithGuidKey or IGrainWithIntegerKey).", nameof(interfaceType));
        }

        throw new InvalidOperationException($"Grain interface {interfaceType.FullName} has no generated proxy: its project must reference TradingRobotPlug.Runtime.CodeGenerator as an analyzer, and its assembly must be loaded by the silo (AddGrainAssembly).");
    }

    public GrainClassInfo GetClass(string grainType)
        => _classesByType.TryGetValue(grainType, out var info) ? info : throw new InvalidOperationException($"Unknown grain type '{grainType}'.");

    public IEnumerable<GrainClassInfo> ImplicitSubscribers(string streamNamespace)
        => _classesByType.Values.Where(c => c.ImplicitStreamNamespaces.Contains(streamNamespace, StringComparer.Ordinal));

    /// <summary>The grain type name: the class name, lower-case, without a "Grain" suffix (<c>StrategyGrain</c> → <c>strategy</c>).</summary>
    public static string GrainTypeName(Type classType)
    {
        var name = classType.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > 5)
        {
            name = name[..^5];
        }

        return name.ToLowerInvariant();
    }

    private static IEnumerable<Type> SafeGetTypes(Assembly asm)
    {
        try
        {
            return asm.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            throw new InvalidOperationException($"Cannot load the types of grain assembly {asm.FullName}: {ex.LoaderExceptions.FirstOrDefault()?.Message}", ex);
        }
    }

    private static GrainClassInfo CreateClassInfo(Type type)
    {
        var ctor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {type.FullName} has no public constructor.");
        var parameters = ctor.GetParameters();
        var argFactories = new Func<ActivationData, object?>[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            var stateAttr = p.GetCustomAttribute<PersistentStateAttribute>();
            if (stateAttr is not null)
            {
                if (!p.ParameterType.IsGenericType || p.ParameterType.GetGenericTypeDefinition() != typeof(IPersistentState<>))
                {
                    throw new InvalidOperationException($"Parameter '{p.Name}' of {type.FullName} has [PersistentState] but is not IPersistentState<T>.");
                }

                var stateType = p.ParameterType.GetGenericArguments()[0];
                var create = typeof(GrainTypeRegistry).GetMethod(nameof(CreatePersistentState), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(stateType)
                    .CreateDelegate<Func<ActivationData, PersistentStateAttribute, object>>();
                argFactories[i] = a => create(a, stateAttr);
            }
            else
            {
                var paramType = p.ParameterType;
                var name = p.Name;
                argFactories[i] = a => a.ActivationServices.GetService(paramType)
                    ?? (p.HasDefaultValue ? p.DefaultValue : throw new InvalidOperationException($"Cannot activate {type.Name}: no service of type {paramType.FullName} is registered for constructor parameter '{name}'."));
            }
        }

        var argsParam = Expression.Parameter(typeof(object?[]), "args");
        var newExpr = Expression.New(ctor, parameters.Select((p, i) => Expression.Convert(Expression.ArrayIndex(argsParam, Expression.Constant(i)), p.ParameterType)));
        var construct = Expression.Lambda<Func<object?[], object>>(newExpr, argsParam).Compile();
        object Factory(ActivationData activation)
        {
            var args = new object?[argFactories.Length];
            for (int i = 0; i < args.Length; i++)
            {
                args[i] = argFactories[i](activation);
            }

            try
            {
                return construct(args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }

        var implicitNs = type.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>().Select(a => a.Namespace).ToList();
        return new GrainClassInfo(type, GrainTypeName(type), type.IsDefined(typeof(ReentrantAttribute), inherit: true), implicitNs, Factory);
    }

    private static object CreatePersistentState<TState>(ActivationData activation, PersistentStateAttribute attribute)
    {
        var storageName = attribute.StorageName ?? GrainStorageNames.Default;
        var storage = activation.ActivationServices.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new InvalidOperationException($"Grain {activation.GrainId} needs grain storage '{storageName}' for state '{attribute.StateName}', but no storage with that name is configured (AddMemoryGrainStorage / AddPostgresGrainStorage).");
        var state = new PersistentState<TState>(attribute.StateName, storageName, storage, activation);
        activation.AddLifecycleState(state);
        return state;
    }
}
