namespace Storefront.StripeEmulator;

// Who may use the emulator: the API key holder for /v1, and for control endpoints and the dashboard a developer
// (Development), the host's chosen policy (an admin), or anyone when explicitly allowed (tests, a local standalone run).
public sealed partial class StripeEmulatorOptions
{
    /// <summary>The secret key a Development emulator accepts when <see cref="ApiKeys"/> is empty.</summary>
    public const string DevelopmentApiKey = "sk_test_emulator";

    /// <summary>
    /// The secret keys the API accepts (exact match, like Stripe: any other key is 401). Empty: <see cref="DevelopmentApiKey"/>
    /// in Development, otherwise one random key generated at start (the standalone program prints it).
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>
    /// Outside Development, members of this host authorization policy (e.g. "Admin") may use the control endpoints
    /// (<c>/_emulator/…</c>) and the dashboard. Null: nobody may (they answer 404) unless <see cref="AllowAnonymousControl"/>.
    /// </summary>
    public string? ControlAuthorizationPolicy { get; set; }

    /// <summary>Anyone may use the control endpoints and the dashboard, in any environment. For tests and local standalone runs only.</summary>
    public bool AllowAnonymousControl { get; set; }
}
