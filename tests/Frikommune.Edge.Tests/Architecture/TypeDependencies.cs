using System.Reflection;
using System.Reflection.Emit;

namespace Frikommune.Edge.Tests.Architecture;

/// <summary>
/// Every type a type uses: its signatures (base, interfaces, fields, properties, events, method parameters and
/// returns, locals) and what its method bodies call, create, read or cast to, read from the IL. Nested and
/// compiler-made types (lambdas, async state machines) count for the type that declares them.
/// </summary>
static class TypeDependencies
{
    const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                             BindingFlags.Static | BindingFlags.DeclaredOnly;

    static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The outermost declaring type: the one whose source file holds the code.</summary>
    public static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    public static IEnumerable<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericParameter) return;
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var a in t.GetGenericArguments()) Add(a);
                t = t.GetGenericTypeDefinition();
            }
            found.Add(t);
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        foreach (var f in type.GetFields(All)) Add(f.FieldType);
        foreach (var p in type.GetProperties(All)) Add(p.PropertyType);
        foreach (var e in type.GetEvents(All)) Add(e.EventHandlerType);
        foreach (var m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (m is MethodInfo mi) Add(mi.ReturnType);
            foreach (var p in m.GetParameters()) Add(p.ParameterType);
            var body = m.GetMethodBody();
            if (body is null) continue;
            foreach (var l in body.LocalVariables) Add(l.LocalType);
            foreach (var used in FromIl(m, body.GetILAsByteArray() ?? []))
            {
                if (used is Type t) { Add(t); continue; }
                Add(used.DeclaringType);
                if (used is FieldInfo f) Add(f.FieldType);
            }
        }
        foreach (var nested in type.GetNestedTypes(All))
            foreach (var t in Of(nested)) found.Add(t);
        return found;
    }

    /// <summary>Every method its bodies call (nested and compiler-made types included), e.g. an event's <c>add_</c>.</summary>
    public static IEnumerable<MethodBase> CallsOf(Type type) =>
        type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All))
            .SelectMany(m => m.GetMethodBody() is { } body ? FromIl(m, body.GetILAsByteArray() ?? []) : [])
            .OfType<MethodBase>()
            .Concat(type.GetNestedTypes(All).SelectMany(CallsOf));

    static IEnumerable<MemberInfo> FromIl(MethodBase method, byte[] il)
    {
        var module = method.Module;
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i++];
            if (value == 0xFE) value = (short)(0xFE00 | il[i++]);
            if (!OpCodesByValue.TryGetValue(value, out var op)) yield break; // not IL we understand: stop, never guess
            switch (op.OperandType)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, i);
                    i += 4;
                    MemberInfo? member = null;
                    try { member = module.ResolveMember(token, typeArgs, methodArgs); }
                    catch (ArgumentException) { }
                    if (member is not null) yield return member;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + 4 * BitConverter.ToInt32(il, i);
                    break;
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8:
                case OperandType.InlineR: i += 8; break;
                default: i += 4; break;
            }
        }
    }
}
