namespace Storefront.Web.Checkout;

/// <summary>A checkout request that cannot be honoured; <see cref="StatusCode"/> and the message go to the shopper as they are.</summary>
public sealed class CheckoutException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static CheckoutException NotFound() => new(StatusCodes.Status404NotFound, "No such checkout.");

    public static CheckoutException NotUpdatable() => new(StatusCodes.Status400BadRequest, "Session is no longer updatable");

    public static CheckoutException StripeFailed() =>
        new(StatusCodes.Status502BadGateway, "The payment service did not answer. Nothing was changed; please try again.");
}
