using Stripe;
using Stripe.Checkout;

namespace Storefront.Web.Stripe;

/// <summary>
/// The part of Stripe's API the shop calls, over Stripe.net's services. Every call may throw Stripe.net's
/// <see cref="StripeException"/> (an error answer, or a connection failure after the SDK's retries) and
/// <see cref="OperationCanceledException"/>. An idempotency key is the caller's business key (checkout id + version,
/// say); without one the SDK makes its own per call.
/// </summary>
public interface IStripeGateway
{
    /// <param name="preview">The request carries private-preview parameters (see <see cref="UpdateCheckoutSessionAsync"/>).</param>
    Task<Session> CreateCheckoutSessionAsync(SessionCreateOptions options, string? idempotencyKey = null, bool preview = false, CancellationToken cancellationToken = default);

    Task<Session> GetCheckoutSessionAsync(string id, bool expandLineItems = false, CancellationToken cancellationToken = default);

    /// <param name="preview">
    /// The request carries private-preview parameters (discounts, update permissions): it is sent with the
    /// <c>checkout_server_update_beta</c> flag appended to Stripe-Version. GA updates must pass false.
    /// </param>
    Task<Session> UpdateCheckoutSessionAsync(string id, SessionUpdateOptions options, string? idempotencyKey = null, bool preview = false, CancellationToken cancellationToken = default);

    Task<Session> ExpireCheckoutSessionAsync(string id, string? idempotencyKey = null, CancellationToken cancellationToken = default);

    Task<Product> CreateProductAsync(ProductCreateOptions options, string? idempotencyKey = null, CancellationToken cancellationToken = default);

    Task<StripeList<Price>> ListPricesAsync(PriceListOptions options, CancellationToken cancellationToken = default);

    Task<Price> CreatePriceAsync(PriceCreateOptions options, string? idempotencyKey = null, CancellationToken cancellationToken = default);

    Task<TaxRate> CreateTaxRateAsync(TaxRateCreateOptions options, string? idempotencyKey = null, CancellationToken cancellationToken = default);
}
