namespace Storefront.StripeEmulator;

/// <summary>A URL the emulator POSTs every event to, signed with <paramref name="Secret"/> (a <c>whsec_…</c> string).</summary>
public sealed record WebhookEndpoint(string Url, string Secret);

/// <summary>Settings of the local Stripe emulator. Bind from configuration section <c>Emulator</c> in standalone mode.</summary>
public sealed partial class StripeEmulatorOptions
{
    /// <summary>
    /// Name of the <see cref="IHttpClientFactory"/> client that delivers webhooks. A host whose receiver is not on a
    /// real socket (TestServer) can route deliveries in-memory:
    /// <c>services.AddHttpClient(StripeEmulatorOptions.WebhookHttpClientName).ConfigurePrimaryHttpMessageHandler(…)</c>.
    /// </summary>
    public const string WebhookHttpClientName = "Storefront.StripeEmulator.Webhooks";

    /// <summary>Absolute URLs that receive every event, each with its own signing secret.</summary>
    public List<WebhookEndpoint> WebhookEndpoints { get; } = new();

    /// <summary>"" standalone, "/_stripe" when mounted. Set by <c>UseStripeEmulator</c>.</summary>
    public string PathPrefix { get; set; } = "";

    /// <summary>api_version used for events when the request sent no <c>Stripe-Version</c> header.</summary>
    public string DefaultApiVersion { get; set; } = "2026-10-28.endive";

    /// <summary>
    /// Delays between webhook attempts after a failure. Attempt 1 is immediate; attempt n+1 waits
    /// <c>WebhookRetrySchedule[n-1]</c>; when the schedule is exhausted the delivery is given up.
    /// Real Stripe retries for up to three days; the default here is short enough for local work.
    /// </summary>
    public List<TimeSpan> WebhookRetrySchedule { get; set; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];

    /// <summary>Timeout of one webhook POST.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often (real time) the background sweep expires sessions past <c>expires_at</c>.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an idempotency key's first response is replayed.</summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Whether the account has Stripe's checkout-server-update preview. When false (an ordinary account), requests with
    /// the beta flag are treated like requests without it: preview parameters are unknown. <c>POST /_emulator/preview_access</c>
    /// (<c>enabled=true|false</c>) changes it at run time.
    /// </summary>
    public bool PreviewAccess { get; set; } = true;
}
