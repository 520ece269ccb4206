using Microsoft.Extensions.Options;

namespace Storefront.Web.Stripe;

/// <summary>Which Stripe the shop talks to: the embedded emulator (no keys configured) or api.stripe.com.</summary>
public enum StripeMode
{
    Emulator,
    Test,
    Live,
}

/// <summary>How a checkout's discount is sent to Stripe; both give Stripe the same totals as the server's quote.</summary>
public enum DiscountUpdateMode
{
    /// <summary>
    /// The discount is spread into each line's <c>price_data</c> unit amount (generally available: works for every
    /// account). Stripe shows no discount line; the checkout page shows the server's.
    /// </summary>
    LinePrices,

    /// <summary>
    /// The discount is sent as <c>discounts[0][coupon_data]</c> on session updates: Stripe's private preview (the
    /// account needs access; requests carry <c>checkout_server_update_beta=v1</c>). Falls back to
    /// <see cref="LinePrices"/> when Stripe answers that <c>discounts</c> is an unknown parameter.
    /// </summary>
    Preview,
}

/// <summary>
/// Bound from the "Stripe" section. Keys come from user-secrets or the environment, never from committed files.
/// With no keys at all the shop runs against the embedded emulator.
/// </summary>
public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    /// <summary>The emulator's secret key in Development (and the fallback of a client with no embedded emulator).</summary>
    public const string DevelopmentEmulatorApiKey = "sk_test_emulator";

    /// <summary>Publishable key handed to the emulator's Stripe.js stand-in.</summary>
    public const string EmulatorPublishableKey = "pk_test_emulator";

    public string? SecretKey { get; set; }

    public string? PublishableKey { get; set; }

    public string? WebhookSecret { get; set; }

    /// <summary>
    /// No longer a setting: the API version is the one Stripe.net pins (<see cref="PinnedApiVersion"/>). Bound only so
    /// that a deployment still carrying the old setting fails at start instead of silently running another version.
    /// </summary>
    public string? ApiVersion { get; set; }

    /// <summary>The version every request and the webhook endpoint use: Stripe.net's pinned one.</summary>
    public static string PinnedApiVersion => global::Stripe.StripeConfiguration.ApiVersion;

    /// <summary>How the server's discount reaches the session (see <see cref="DiscountUpdateMode"/>).</summary>
    public DiscountUpdateMode DiscountUpdates { get; set; } = DiscountUpdateMode.LinePrices;

    /// <summary>Overrides the API base URL (a standalone emulator, say). Empty: real Stripe, or the mounted emulator.</summary>
    public string? ApiBase { get; set; }

    /// <summary>
    /// The only secret key the embedded emulator accepts, and the one the shop sends it. Unset: <c>sk_test_emulator</c>
    /// in Development, a random key per start elsewhere (so a demo deployment's emulator answers nobody but the shop).
    /// </summary>
    public string? EmulatorApiKey { get; set; }

    /// <summary>Where the embedded emulator is mounted inside the shop when no keys are configured.</summary>
    public string EmulatorPathPrefix { get; set; } = "/_stripe";

    /// <summary>Retries after the first attempt for connection errors, 409, 5xx and Stripe-Should-Retry: true (as the official SDKs).</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>Time allowed for one attempt (request sent, response read). The official SDKs use 80 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(80);

    public StripeMode Mode => string.IsNullOrWhiteSpace(SecretKey)
        ? StripeMode.Emulator
        : SecretKey.StartsWith("sk_live_", StringComparison.Ordinal) || SecretKey.StartsWith("rk_live_", StringComparison.Ordinal)
            ? StripeMode.Live
            : StripeMode.Test;

    public bool UsesEmulator => Mode == StripeMode.Emulator;
}

/// <summary>Start-up validation: a half-configured Stripe is a deployment error, not something to discover at checkout.</summary>
public sealed class StripeOptionsValidator : IValidateOptions<StripeOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeOptions options)
    {
        var failures = new List<string>();
        var hasSecret = !string.IsNullOrWhiteSpace(options.SecretKey);
        var hasPublishable = !string.IsNullOrWhiteSpace(options.PublishableKey);

        if (hasSecret != hasPublishable)
        {
            failures.Add("Stripe:SecretKey and Stripe:PublishableKey must be configured together (or neither, for emulator mode).");
        }

        if (hasSecret && !HasPrefix(options.SecretKey!, "sk_test_", "sk_live_", "rk_test_", "rk_live_"))
        {
            failures.Add("Stripe:SecretKey must start with sk_test_, sk_live_, rk_test_ or rk_live_.");
        }

        if (hasPublishable && !HasPrefix(options.PublishableKey!, "pk_test_", "pk_live_"))
        {
            failures.Add("Stripe:PublishableKey must start with pk_test_ or pk_live_.");
        }

        if (hasSecret && hasPublishable
            && options.SecretKey!.Contains("_live_", StringComparison.Ordinal) != options.PublishableKey!.Contains("_live_", StringComparison.Ordinal))
        {
            failures.Add("Stripe:SecretKey and Stripe:PublishableKey must both be test keys or both be live keys.");
        }

        if (!string.IsNullOrWhiteSpace(options.WebhookSecret) && !options.WebhookSecret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            failures.Add("Stripe:WebhookSecret must start with whsec_.");
        }

        if (options.ApiVersion is not null)
        {
            failures.Add($"Stripe:ApiVersion is no longer a setting: Storefront always uses Stripe.net's pinned version {StripeOptions.PinnedApiVersion}. "
                         + "Remove Stripe:ApiVersion (and any beta flag in it; choose the discount mode with Stripe:DiscountUpdates).");
        }

        if (!Enum.IsDefined(options.DiscountUpdates))
        {
            failures.Add("Stripe:DiscountUpdates must be LinePrices or Preview.");
        }

        if (!string.IsNullOrWhiteSpace(options.ApiBase) && !Uri.TryCreate(options.ApiBase, UriKind.Absolute, out _))
        {
            failures.Add("Stripe:ApiBase must be an absolute URL.");
        }

        if (!options.EmulatorPathPrefix.StartsWith('/') || options.EmulatorPathPrefix.Length < 2)
        {
            failures.Add("Stripe:EmulatorPathPrefix must be a path such as /_stripe.");
        }

        if (options.MaxNetworkRetries is < 0 or > 10)
        {
            failures.Add("Stripe:MaxNetworkRetries must be between 0 and 10.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add("Stripe:Timeout must be positive and at most 10 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool HasPrefix(string value, params string[] prefixes) =>
        prefixes.Any(p => value.StartsWith(p, StringComparison.Ordinal));
}
