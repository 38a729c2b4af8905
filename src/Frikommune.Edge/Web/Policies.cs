using Frikommune.Edge.Users;
using Microsoft.AspNetCore.Authorization;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Web;

/// <summary>CONTRACT § 5: staff read, acknowledge, release and request; technicians all that and more.</summary>
public static class Policies
{
    public const string Staff = "staff";
    public const string Technician = "technician";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Staff, Roles.Technician));
        options.AddPolicy(Technician, p => p.RequireAuthenticatedUser().RequireRole(Roles.Technician));
    }
}
