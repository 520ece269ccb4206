namespace Storefront.Web.Stripe;

/// <summary>
/// <see cref="IStripeGateway"/> over <see cref="StripeHttpTransport"/>: one line per endpoint, paths only.
/// GET and DELETE calls ignore <see cref="StripeRequestOptions.IdempotencyKey"/> (the SDKs send it on POST only).
/// </summary>
public sealed class StripeGateway : IStripeGateway
{
    private readonly StripeHttpTransport _transport;

    public StripeGateway(StripeHttpTransport transport)
    {
        _transport = transport;
    }

    public Task<StripeCheckoutSession> CreateCheckoutSessionAsync(CheckoutSessionCreateRequest request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync<StripeCheckoutSession>("/v1/checkout/sessions", Required(request), options, cancellationToken);

    public Task<StripeCheckoutSession> GetCheckoutSessionAsync(string id, StripeGetRequest? request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.GetAsync<StripeCheckoutSession>($"/v1/checkout/sessions/{Id(id)}", request, cancellationToken);

    public Task<StripeCheckoutSession> UpdateCheckoutSessionAsync(string id, CheckoutSessionUpdateRequest request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync<StripeCheckoutSession>($"/v1/checkout/sessions/{Id(id)}", Required(request), options, cancellationToken);

    public Task<StripeCheckoutSession> ExpireCheckoutSessionAsync(string id, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync<StripeCheckoutSession>($"/v1/checkout/sessions/{Id(id)}/expire", null, options, cancellationToken);

    public Task<StripeList<StripeLineItem>> ListCheckoutSessionLineItemsAsync(string id, StripeListRequest? request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.GetAsync<StripeList<StripeLineItem>>($"/v1/checkout/sessions/{Id(id)}/line_items", request, cancellationToken);

    public Task<StripeProduct> CreateProductAsync(ProductCreateRequest request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync<StripeProduct>("/v1/products", Required(request), options, cancellationToken);

    public Task<StripeProduct> GetProductAsync(string id, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.GetAsync<StripeProduct>($"/v1/products/{Id(id)}", null, cancellationToken);

    public Task<StripeList<StripeProduct>> ListProductsAsync(ProductListRequest? request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.GetAsync<StripeList<StripeProduct>>("/v1/products", request, cancellationToken);

    public Task<StripeProduct> UpdateProductAsync(string id, ProductUpdateRequest request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync<StripeProduct>($"/v1/products/{Id(id)}", Required(request), options, cancellationToken);

    public Task<StripePrice> CreatePriceAsync(PriceCreateRequest request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync<StripePrice>("/v1/prices", Required(request), options, cancellationToken);

    public Task<StripePrice> GetPriceAsync(string id, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.GetAsync<StripePrice>($"/v1/prices/{Id(id)}", null, cancellationToken);

    public Task<StripeList<StripePrice>> ListPricesAsync(PriceListRequest? request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.GetAsync<StripeList<StripePrice>>("/v1/prices", request, cancellationToken);

    public Task<StripePrice> UpdatePriceAsync(string id, PriceUpdateRequest request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync<StripePrice>($"/v1/prices/{Id(id)}", Required(request), options, cancellationToken);

    public Task<StripeCoupon> CreateCouponAsync(CouponCreateRequest request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync<StripeCoupon>("/v1/coupons", Required(request), options, cancellationToken);

    public Task<StripeCoupon> GetCouponAsync(string id, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.GetAsync<StripeCoupon>($"/v1/coupons/{Id(id)}", null, cancellationToken);

    public Task<StripeList<StripeCoupon>> ListCouponsAsync(CouponListRequest? request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.GetAsync<StripeList<StripeCoupon>>("/v1/coupons", request, cancellationToken);

    public Task<StripeCoupon> UpdateCouponAsync(string id, CouponUpdateRequest request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync<StripeCoupon>($"/v1/coupons/{Id(id)}", Required(request), options, cancellationToken);

    public Task<StripeDeletedObject> DeleteCouponAsync(string id, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.DeleteAsync<StripeDeletedObject>($"/v1/coupons/{Id(id)}", options, cancellationToken);

    public Task<StripeTaxRate> CreateTaxRateAsync(TaxRateCreateRequest request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync<StripeTaxRate>("/v1/tax_rates", Required(request), options, cancellationToken);

    public Task<StripeTaxRate> GetTaxRateAsync(string id, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.GetAsync<StripeTaxRate>($"/v1/tax_rates/{Id(id)}", null, cancellationToken);

    public Task<StripeList<StripeTaxRate>> ListTaxRatesAsync(TaxRateListRequest? request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.GetAsync<StripeList<StripeTaxRate>>("/v1/tax_rates", request, cancellationToken);

    public Task<StripeTaxRate> UpdateTaxRateAsync(string id, TaxRateUpdateRequest request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync<StripeTaxRate>($"/v1/tax_rates/{Id(id)}", Required(request), options, cancellationToken);

    public Task<StripeShippingRate> CreateShippingRateAsync(ShippingRateCreateRequest request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync<StripeShippingRate>("/v1/shipping_rates", Required(request), options, cancellationToken);

    public Task<StripeShippingRate> GetShippingRateAsync(string id, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.GetAsync<StripeShippingRate>($"/v1/shipping_rates/{Id(id)}", null, cancellationToken);

    public Task<StripeList<StripeShippingRate>> ListShippingRatesAsync(ShippingRateListRequest? request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.GetAsync<StripeList<StripeShippingRate>>("/v1/shipping_rates", request, cancellationToken);

    public Task<StripeShippingRate> UpdateShippingRateAsync(string id, ShippingRateUpdateRequest request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync<StripeShippingRate>($"/v1/shipping_rates/{Id(id)}", Required(request), options, cancellationToken);

    public Task<StripePaymentIntent> GetPaymentIntentAsync(string id, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.GetAsync<StripePaymentIntent>($"/v1/payment_intents/{Id(id)}", null, cancellationToken);

    public Task<StripePaymentIntent> UpdatePaymentIntentAsync(string id, PaymentIntentUpdateRequest request, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync<StripePaymentIntent>($"/v1/payment_intents/{Id(id)}", Required(request), options, cancellationToken);

    public Task<StripeEvent> GetEventAsync(string id, StripeRequestOptions? options, CancellationToken cancellationToken) =>
        _transport.GetAsync<StripeEvent>($"/v1/events/{Id(id)}", null, cancellationToken);

    /// <summary>Escapes an object id for a path segment; rejects blanks so that "/v1/prices/" is never a list call.</summary>
    private static string Id(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }

    private static T Required<T>(T request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        return request;
    }
}
