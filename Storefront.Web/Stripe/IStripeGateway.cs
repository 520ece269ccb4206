namespace Storefront.Web.Stripe;

/// <summary>
/// The part of Stripe's API that Storefront uses. Every call may throw <see cref="StripeException"/> (error
/// response or connection failure after retries) and <see cref="OperationCanceledException"/> when the caller cancels.
/// POSTs carry <see cref="StripeRequestOptions.IdempotencyKey"/> or a generated one.
/// </summary>
public interface IStripeGateway
{
    // Checkout sessions

    Task<StripeCheckoutSession> CreateCheckoutSessionAsync(CheckoutSessionCreateRequest request, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Use <see cref="StripeGetRequest.ExpandLineItems"/> to include <c>line_items</c>.</summary>
    Task<StripeCheckoutSession> GetCheckoutSessionAsync(string id, StripeGetRequest? request = null, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeCheckoutSession> UpdateCheckoutSessionAsync(string id, CheckoutSessionUpdateRequest request, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeCheckoutSession> ExpireCheckoutSessionAsync(string id, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeList<StripeLineItem>> ListCheckoutSessionLineItemsAsync(string id, StripeListRequest? request = null, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    // Products

    Task<StripeProduct> CreateProductAsync(ProductCreateRequest request, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeProduct> GetProductAsync(string id, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeList<StripeProduct>> ListProductsAsync(ProductListRequest? request = null, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeProduct> UpdateProductAsync(string id, ProductUpdateRequest request, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    // Prices

    Task<StripePrice> CreatePriceAsync(PriceCreateRequest request, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripePrice> GetPriceAsync(string id, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeList<StripePrice>> ListPricesAsync(PriceListRequest? request = null, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripePrice> UpdatePriceAsync(string id, PriceUpdateRequest request, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    // Coupons

    Task<StripeCoupon> CreateCouponAsync(CouponCreateRequest request, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeCoupon> GetCouponAsync(string id, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeList<StripeCoupon>> ListCouponsAsync(CouponListRequest? request = null, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeCoupon> UpdateCouponAsync(string id, CouponUpdateRequest request, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Coupons cannot be deactivated; deleting one stops new redemptions and leaves existing discounts alone.</summary>
    Task<StripeDeletedObject> DeleteCouponAsync(string id, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    // Tax rates

    Task<StripeTaxRate> CreateTaxRateAsync(TaxRateCreateRequest request, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeTaxRate> GetTaxRateAsync(string id, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeList<StripeTaxRate>> ListTaxRatesAsync(TaxRateListRequest? request = null, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeTaxRate> UpdateTaxRateAsync(string id, TaxRateUpdateRequest request, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    // Shipping rates

    Task<StripeShippingRate> CreateShippingRateAsync(ShippingRateCreateRequest request, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeShippingRate> GetShippingRateAsync(string id, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeList<StripeShippingRate>> ListShippingRatesAsync(ShippingRateListRequest? request = null, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripeShippingRate> UpdateShippingRateAsync(string id, ShippingRateUpdateRequest request, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    // Payment intents

    Task<StripePaymentIntent> GetPaymentIntentAsync(string id, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    Task<StripePaymentIntent> UpdatePaymentIntentAsync(string id, PaymentIntentUpdateRequest request, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);

    // Events

    Task<StripeEvent> GetEventAsync(string id, StripeRequestOptions? options = null, CancellationToken cancellationToken = default);
}
