using Microsoft.Extensions.Options;
using Stripe;

namespace Storefront.Web.Stripe;

/// <summary>
/// Which discount mode the shop is using now: the configured one, until Stripe shows (by error code and parameter,
/// never by message text) that this account has no access to the preview; from then on, LinePrices for this process.
/// </summary>
public sealed partial class PreviewAccess(IOptions<StripeOptions> options, ILogger<PreviewAccess> logger)
{
    private volatile bool _unavailable;

    public DiscountUpdateMode Current =>
        options.Value.DiscountUpdates == DiscountUpdateMode.Preview && !_unavailable ? DiscountUpdateMode.Preview : DiscountUpdateMode.LinePrices;

    /// <summary>A 400 naming a preview parameter as unknown: the account (or the API version) lacks the preview.</summary>
    public static bool IsPreviewRefusal(StripeException ex) =>
        ex.HttpStatusCode == System.Net.HttpStatusCode.BadRequest
        && ex.StripeError is { Type: "invalid_request_error", Code: "parameter_unknown" } error
        && error.Param is { } param
        && (param == "discounts" || param.StartsWith("discounts[", StringComparison.Ordinal) || param.StartsWith("permissions[update_", StringComparison.Ordinal));

    public void MarkUnavailable(StripeException ex)
    {
        if (!_unavailable)
        {
            _unavailable = true;
            LogFallback(logger, ex.StripeError?.Param);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Stripe refused the preview parameter {Param}: this account has no access to checkout server updates; discounts now go into line prices (Stripe:DiscountUpdates=LinePrices)")]
    private static partial void LogFallback(ILogger logger, string? param);
}
