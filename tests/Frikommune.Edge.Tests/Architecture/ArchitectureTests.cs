using System.Reflection;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Tests.Architecture;

/// <summary>
/// The shape ARCHITECTURE.md promises: capability cores are pure (no MQTT, SQLite, GPIO or ASP.NET Core, no
/// adapter folder), and no two folders depend on each other in a circle.
/// </summary>
public class ArchitectureTests
{
    const string Root = "Frikommune.Edge.";

    /// <summary>The capability cores and the small pure vocabularies they share.</summary>
    public static readonly string[] Cores =
    [
        "Decisions", "Doors", "Sensors", "Alarms", "CheckIns", "Audit", "Objections", "Clock", "Notify",
        "StaffCommands", "Users", "Upstream", "Health", "Configuration", "Metrics", "Wire", "Observing",
    ];

    /// <summary>The edges: they talk to a library, a device, a file or the network, and may use the cores.</summary>
    public static readonly string[] Adapters =
        ["Mqtt", "Storage", "Gpio", "Web", "Cameras", "Paging", "Simulation", "Hosting", "Cli"];

    static readonly string[] AdapterLibraries =
        ["MQTTnet", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "System.Device.Gpio", "Microsoft.AspNetCore", "System.IO.Ports"];

    static readonly Assembly Gateway = typeof(LoopHealth).Assembly;

    static string? FolderOf(Type type)
    {
        var ns = TypeDependencies.Outermost(type).Namespace;
        if (ns is null || !ns.StartsWith(Root, StringComparison.Ordinal)) return null;
        return ns[Root.Length..].Split('.')[0];
    }

    static readonly Lazy<List<(Type From, Type To)>> Uses = new(() =>
        Gateway.GetTypes()
            .Where(t => t.DeclaringType is null && FolderOf(t) is not null)
            .SelectMany(t => TypeDependencies.Of(t).Select(used => (t, used)))
            .ToList());

    [Fact]
    public void Every_folder_is_named_a_core_or_an_adapter()
    {
        var folders = Gateway.GetTypes().Select(FolderOf).OfType<string>().Distinct().Order();
        Assert.Empty(folders.Except(Cores).Except(Adapters));
    }

    /// <summary>
    /// Listeners across folders are visible in the types (an observer interface and a subscription), so a plain
    /// <c>event</c> may only be heard inside the folder that raises it: no hidden bus between capabilities.
    /// </summary>
    [Fact]
    public void Plain_events_are_heard_only_inside_their_own_folder()
    {
        var events = Gateway.GetTypes().SelectMany(t => t.GetEvents(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                BindingFlags.Static | BindingFlags.DeclaredOnly)).Select(e => e.AddMethod).OfType<MethodBase>().ToHashSet();
        Assert.NotEmpty(events);
        var crossing = Gateway.GetTypes()
            .Where(t => t.DeclaringType is null && FolderOf(t) is not null)
            .SelectMany(t => TypeDependencies.CallsOf(t).Where(events.Contains).Select(add => (From: t, Add: add)))
            .Where(u => FolderOf(u.Add.DeclaringType!) != FolderOf(u.From))
            .Select(u => $"{u.From.FullName} listens to {u.Add.DeclaringType!.Name}.{u.Add.Name[4..]}")
            .Distinct().Order().ToList();
        Assert.True(crossing.Count == 0, string.Join('\n', crossing));
    }

    [Fact]
    public void No_core_type_uses_an_adapter_library()
    {
        var wrong = Uses.Value
            .Where(u => Cores.Contains(FolderOf(u.From)))
            .Where(u => AdapterLibraries.Any(l => u.To.Assembly.GetName().Name!.StartsWith(l, StringComparison.Ordinal)))
            .Select(u => $"{u.From.FullName} uses {u.To.FullName}")
            .Distinct().Order().ToList();
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void No_core_type_uses_an_adapter_folder()
    {
        var wrong = Uses.Value
            .Where(u => Cores.Contains(FolderOf(u.From)) && Adapters.Contains(FolderOf(u.To)))
            .Select(u => $"{u.From.FullName} uses {u.To.FullName}")
            .Distinct().Order().ToList();
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void Folders_depend_on_each_other_without_cycles()
    {
        var edges = FolderEdges();
        var cycles = Cycles(edges).Select(c => "cycle among " + string.Join(", ", c) + ":" + Witness(c)).ToList();
        Assert.True(cycles.Count == 0, string.Join('\n', cycles));
    }

    [Fact]
    public void The_check_sees_a_core_that_uses_an_adapter()
    {
        // The rules are only as good as the dependency reader: it must see a use hidden in a method body.
        var used = TypeDependencies.Of(typeof(Samples.CoreLike)).ToList();
        Assert.Contains(typeof(Samples.AdapterLike), used);
        Assert.Contains(typeof(System.Text.StringBuilder), used);
        Assert.Equal([["A", "B"]], Cycles(new() { ["A"] = ["B"], ["B"] = ["A"], ["C"] = ["A"] }));
        Assert.Contains(typeof(Samples.Bell).GetEvent(nameof(Samples.Bell.Rang))!.AddMethod, TypeDependencies.CallsOf(typeof(Samples.BellListener)));
    }

    static Dictionary<string, HashSet<string>> FolderEdges()
    {
        var edges = new Dictionary<string, HashSet<string>>();
        foreach (var (from, to) in Uses.Value)
        {
            if (FolderOf(from) is not { } a || FolderOf(to) is not { } b || a == b) continue;
            if (!edges.TryGetValue(a, out var set)) edges[a] = set = [];
            set.Add(b);
        }
        return edges;
    }

    /// <summary>Every use inside the group, one example per pair of folders: the list to cut from.</summary>
    static string Witness(List<string> cycle) =>
        string.Join("", Uses.Value
            .Where(u => FolderOf(u.From) is { } a && FolderOf(u.To) is { } b && a != b && cycle.Contains(a) && cycle.Contains(b))
            .GroupBy(u => (FolderOf(u.From), FolderOf(u.To)))
            .OrderBy(g => g.Key)
            .Select(g => $"\n  {g.Key.Item1} → {g.Key.Item2}: {g.First().From.Name} uses {g.First().To.Name} ({g.Count()} uses)"));

    /// <summary>Strongly connected groups of more than one folder (Tarjan), each in a stable order.</summary>
    static List<List<string>> Cycles(Dictionary<string, HashSet<string>> edges)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            foreach (var w in edges.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (stack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var group = new List<string>();
            string x;
            do { x = stack.Pop(); group.Add(x); } while (x != v);
            if (group.Count > 1) result.Add(group.Order().ToList());
        }
        foreach (var v in edges.Keys.Order()) if (!index.ContainsKey(v)) Visit(v);
        return result;
    }
}
