using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using TradingRobotPlug.Runtime.Concurrency;

namespace TradingRobotPlug.Runtime.Serialization;

/// <summary>
/// Decides at run time (once per type, cached) whether values of a type may be shared between grains without
/// copying: primitives, enums, strings, well-known value types, grain references, <see cref="ImmutableAttribute"/>
/// types, immutable collections of immutable elements, and structs or sealed classes (records included) whose every
/// instance field is read-only and of an immutable type. Mirrors the code generator's compile-time rule.
/// </summary>
internal static class ImmutableTypes
{
    private static readonly ConcurrentDictionary<Type, bool> Cache = new();

    private static readonly HashSet<Type> Known =
    [
        typeof(string), typeof(decimal), typeof(Guid), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan),
        typeof(DateOnly), typeof(TimeOnly), typeof(Uri), typeof(Version), typeof(Int128), typeof(UInt128), typeof(Half),
    ];

    private static readonly HashSet<Type> ImmutableCollections =
    [
        typeof(ImmutableArray<>), typeof(ImmutableList<>), typeof(ImmutableHashSet<>), typeof(ImmutableSortedSet<>),
        typeof(ImmutableQueue<>), typeof(ImmutableStack<>), typeof(ImmutableDictionary<,>), typeof(ImmutableSortedDictionary<,>),
    ];

    public static bool IsImmutable(Type type) => Cache.GetOrAdd(type, static t => Compute(t, []));

    private static bool Compute(Type type, HashSet<Type> visiting)
    {
        if (type.IsPrimitive || type.IsEnum || Known.Contains(type) || typeof(IAddressable).IsAssignableFrom(type))
        {
            return true;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Compute(underlying, visiting);
        }

        if (type.IsDefined(typeof(ImmutableAttribute), inherit: false))
        {
            return true;
        }

        if (type.IsGenericType && ImmutableCollections.Contains(type.GetGenericTypeDefinition()))
        {
            return type.GetGenericArguments().All(a => Compute(a, visiting));
        }

        if (!(type.IsValueType || (type.IsClass && type.IsSealed)) || type.IsArray || type.IsPointer || typeof(Delegate).IsAssignableFrom(type))
        {
            return false;
        }

        if (!visiting.Add(type))
        {
            return true;
        }

        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.IsInitOnly || !Compute(field.FieldType, visiting))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
