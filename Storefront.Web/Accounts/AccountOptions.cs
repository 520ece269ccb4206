using System.ComponentModel.DataAnnotations;

namespace Storefront.Web.Accounts;

/// <summary>Bound from "Accounts": how strict sign-up and sign-in are.</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Accounts";

    /// <summary>New accounts must confirm their e-mail address before they can sign in.</summary>
    public bool RequireConfirmedEmail { get; set; } = true;

    /// <summary>Failed password (or code) attempts in a row that lock the account.</summary>
    [Range(1, 100)]
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
