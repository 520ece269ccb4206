using Microsoft.Extensions.Options;

namespace Storefront.Web.Stripe;

/// <summary>Where the checkout page loads Stripe.js from: Stripe's own (endive train, the one checkout.js is written for) in test/live mode, the emulator's stand-in otherwise.</summary>
public sealed class StripeJsLocation(IOptions<StripeOptions> options)
{
    public const string RealStripeJs = "https://js.stripe.com/endive/stripe.js";

    /// <summary>Path of the stand-in inside the emulator.</summary>
    public const string EmulatorScriptPath = "/js/stripe.js";

    public string Url => options.Value.UsesEmulator
        ? options.Value.EmulatorPathPrefix.TrimEnd('/') + EmulatorScriptPath
        : RealStripeJs;
}
