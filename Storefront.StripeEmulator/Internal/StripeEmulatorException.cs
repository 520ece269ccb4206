using System.Net;

namespace Storefront.StripeEmulator;

/// <summary>An error the emulator answers with Stripe's error JSON shape. Public so host code and tests can catch it.</summary>
public sealed class StripeEmulatorException(
    int statusCode, string type, string message, string? param = null, string? code = null, string? declineCode = null)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string Type { get; } = type;
    public string? Param { get; } = param;
    public string? Code { get; } = code;
    public string? DeclineCode { get; } = declineCode;

    internal static StripeEmulatorException Invalid(string message, string? param = null, string? code = null) =>
        new((int)HttpStatusCode.BadRequest, "invalid_request_error", message, param, code);

    internal static StripeEmulatorException UnknownParam(string param) =>
        new(400, "invalid_request_error", $"Received unknown parameter: {param}", param, "parameter_unknown");

    internal static StripeEmulatorException Missing(string param) =>
        new(400, "invalid_request_error", $"Missing required param: {param}.", param, "parameter_missing");

    internal static StripeEmulatorException NoSuch(string objectName, string id, string param = "id") =>
        new(404, "invalid_request_error", $"No such {objectName}: '{id}'", param, "resource_missing");
}

/// <summary>
/// Every message the emulator makes up where Stripe's exact text is unknown (*assumed* in STRIPE.md) lives here,
/// so it is easy to correct in one place.
/// </summary>
public static class EmulatorMessages
{
    // Known Stripe texts.
    public const string RecurringInPaymentMode =
        "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.";
    /// <summary>{0} = the session's status.</summary>
    public const string OnlyOpenCanBeExpired =
        "Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of `{0}`.";
    public const string IdempotencyMismatch =
        "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{0}' if you meant to execute a different request.";

    // Assumed texts.
    /// <summary>{0} = the value, {1} = the names this version knows, {2} = the version.</summary>
    public const string InvalidUiMode = "Invalid ui_mode: {0}. On API version {2} it must be one of: {1}.";
    public const string SessionNotOpen = "This Checkout Session is no longer open and cannot be updated.";
    public const string SubscriptionNeedsRecurring =
        "You must provide at least one recurring price in `subscription` mode when using prices.";
    public const string MixedCurrencies = "All line items in a Checkout Session must use the same currency.";
    public const string TooManyPaymentItems = "You may only specify up to 100 line items in `payment` mode.";
    public const string TooManyRecurringItems = "You may only specify up to 20 recurring line items in `subscription` mode.";
    public const string TooManyOneTimeItems = "You may only specify up to 20 one-time line items in `subscription` mode.";
    public const string MixedIntervals = "All recurring prices in a Checkout Session must have the same billing interval.";
    public const string OneDiscountOnly = "You may only specify one discount.";
    public const string TooManyShippingOptions = "You may only specify up to 5 shipping options.";
    public const string ReturnUrlRequired = "You must provide `return_url` when `ui_mode` is `custom`.";
    public const string SuccessUrlForbidden = "`success_url` is not supported when `ui_mode` is `custom`; use `return_url` instead.";
    public const string AtLeastOneLineItem = "`line_items` must contain at least one item.";
    public const string ExpiresAtRange = "The `expires_at` timestamp must be between 30 minutes and 24 hours from now.";
    public const string CannotChangePriceOfExistingItem = "You cannot change the price of an existing line item; remove it and add a new one.";
    public const string PaymentIntentAmountLocked =
        "This PaymentIntent's amount could not be updated because it has a status of {0}. You may only update the amount of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation.";
    public const string IdempotencyInFlight =
        "There is currently another in-progress request using this Idempotent Key. Please try again later.";
    public const string ClientUpdateForbidden = "This Checkout Session only allows line item updates from your server (permissions.update_line_items is server_only).";
    public const string IdempotencyKeyTooLong = "Idempotency-Key must be at most 255 characters long.";
    public const string NoApiKey =
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').";
    public const string InvalidApiKey = "Invalid API Key provided: {0}";
    public const string CardDeclined = "Your card was declined.";
    public const string InjectedServerError = "An unknown error occurred (injected by the Stripe emulator).";
    public const string InjectedRateLimit = "Too many requests hit the API too quickly (injected by the Stripe emulator).";
}
