using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TradingRobotPlug.Runtime.CodeGenerator;

/// <summary>Decides at compile time whether values of a type can be shared between grains without copying.</summary>
internal static class Immutability
{
    private static readonly HashSet<string> KnownImmutable = new(StringComparer.Ordinal)
    {
        "System.Guid", "System.DateTimeOffset", "System.TimeSpan", "System.DateOnly", "System.TimeOnly", "System.Uri",
        "System.Version", "System.Int128", "System.UInt128", "System.Half", "System.Numerics.BigInteger",
    };

    private static readonly HashSet<string> ImmutableCollections = new(StringComparer.Ordinal)
    {
        "System.Collections.Immutable.ImmutableArray<T>", "System.Collections.Immutable.ImmutableList<T>",
        "System.Collections.Immutable.ImmutableHashSet<T>", "System.Collections.Immutable.ImmutableSortedSet<T>",
        "System.Collections.Immutable.ImmutableQueue<T>", "System.Collections.Immutable.ImmutableStack<T>",
        "System.Collections.Immutable.ImmutableDictionary<TKey, TValue>", "System.Collections.Immutable.ImmutableSortedDictionary<TKey, TValue>",
    };

    public static bool IsImmutable(ITypeSymbol type, Func<ITypeSymbol, bool> isGrainReference)
        => IsImmutable(type, isGrainReference, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    private static bool IsImmutable(ITypeSymbol type, Func<ITypeSymbol, bool> isGrainReference, HashSet<ITypeSymbol> visiting)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Decimal:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_String:
            case SpecialType.System_DateTime:
                return true;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return IsImmutable(nullable.TypeArguments[0], isGrainReference, visiting);
        }

        var name = type.OriginalDefinition.ToDisplayString();
        if (KnownImmutable.Contains(name) || isGrainReference(type))
        {
            return true;
        }

        if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "TradingRobotPlug.Runtime.Concurrency.ImmutableAttribute"))
        {
            return true;
        }

        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        if (ImmutableCollections.Contains(name))
        {
            return named.TypeArguments.All(t => IsImmutable(t, isGrainReference, visiting));
        }

        // Structs, and sealed classes (records included), whose every instance member is read-only and immutable.
        bool candidate = named.TypeKind == TypeKind.Struct || (named.TypeKind == TypeKind.Class && named.IsSealed);
        if (!candidate)
        {
            return false;
        }

        if (!visiting.Add(named))
        {
            return true; // a cycle: decided by the other members
        }

        for (var t = named; t is not null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                if (member.IsStatic)
                {
                    continue;
                }

                switch (member)
                {
                    case IFieldSymbol f:
                        if (!f.IsReadOnly && !f.IsConst)
                        {
                            return false;
                        }

                        if (!IsImmutable(f.Type, isGrainReference, visiting))
                        {
                            return false;
                        }

                        break;
                    case IPropertySymbol { IsImplicitlyDeclared: true, Name: "EqualityContract" } when t.IsRecord:
                        // Synthesized by the compiler for every record class; returns typeof(TRecord), holds no state.
                        break;
                    case IPropertySymbol prop when !prop.IsIndexer:
                        if (prop.SetMethod is { IsInitOnly: false })
                        {
                            return false;
                        }

                        if (!IsImmutable(prop.Type, isGrainReference, visiting))
                        {
                            return false;
                        }

                        break;
                }
            }
        }

        return true;
    }
}
