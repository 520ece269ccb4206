using System.ComponentModel.DataAnnotations;

namespace Storefront.Web.Checkout;

/// <summary>Bound from "Checkout".</summary>
public sealed class CheckoutOptions : IValidatableObject
{
    public const string SectionName = "Checkout";

    /// <summary>How long a Stripe session stays open; also how long stock is held for it (Stripe allows 30 min–24 h).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often checkouts that expired without a webhook have their holds released.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Secret the embedded emulator signs webhooks with when no Stripe:WebhookSecret is configured.</summary>
    public string EmulatorWebhookSecret { get; set; } = "whsec_storefront_emulator";

    /// <summary>
    /// The expiry sent to Stripe (and used for holds). Stripe checks its 30 min–24 h window against its own clock when
    /// the request arrives, so a lifetime at either edge is nudged one minute inwards to survive the trip and clock skew.
    /// </summary>
    public DateTimeOffset ExpiryFrom(DateTimeOffset now)
    {
        var slack = TimeSpan.FromMinutes(1);
        var lifetime = TimeSpan.FromTicks(Math.Clamp(SessionLifetime.Ticks, (TimeSpan.FromMinutes(30) + slack).Ticks, (TimeSpan.FromHours(24) - slack).Ticks));
        return now + lifetime;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SessionLifetime < TimeSpan.FromMinutes(30) || SessionLifetime > TimeSpan.FromHours(24))
        {
            yield return new ValidationResult("Checkout:SessionLifetime must be between 00:30:00 and 24:00:00 (Stripe's limits).", [nameof(SessionLifetime)]);
        }

        if (SweepInterval < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("Checkout:SweepInterval must be at least one second.", [nameof(SweepInterval)]);
        }
    }
}
