namespace Storefront.StripeEmulator;

/// <summary>Texts of the Stripe.js stand-in's client endpoints (all *assumed*: Stripe's exact wording is unknown).</summary>
public static class StripeJsMessages
{
    public const string ClientDiscountUpdateForbidden =
        "This Checkout Session only allows discount updates from your server (permissions.update_discounts is server_only).";
    public const string InvalidPromotionCode = "This promotion code is invalid.";
    public const string NoPublishableKey =
        "You did not provide a publishable key. Stripe.js sends it as 'Authorization: Bearer pk_test_...'.";
    public const string InvalidPublishableKey = "Invalid publishable key provided; the Stripe emulator accepts pk_test_... keys.";
    public const string UnknownClientSecret = "No such checkout session for this client secret.";
    public const string MissingEmail = "Enter your email address.";
    public const string InvalidEmail = "Your email address is invalid.";
    public const string MissingShippingAddress = "Enter your shipping address.";
    public const string IncorrectNumber = "Your card number is incorrect.";
    public const string InsufficientFunds = "Your card has insufficient funds.";
    public const string ExpiredCard = "Your card has expired.";
    public const string AuthenticationFailed =
        "We are unable to authenticate your payment method. Please choose a different payment method and try again.";
    public const string InvalidJson = "The request body must be a JSON object.";
}
