using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Web;

static class DecisionEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/decisions", (DecisionRegistry registry, TimeProvider time) =>
            Results.Text(DecisionListFormat.ToJson(registry.States(time.GetUtcNow())), "application/json"));
}
