using Stripe;
using Stripe.Checkout;

namespace Storefront.Web.Stripe;

/// <summary><see cref="IStripeGateway"/> as one Stripe.net service call per method.</summary>
public sealed class StripeGateway(IStripeClient client) : IStripeGateway
{
    private static readonly List<string> ExpandLineItems = ["line_items"];

    public async Task<Session> CreateCheckoutSessionAsync(SessionCreateOptions options, string? idempotencyKey, bool preview, CancellationToken cancellationToken)
    {
        using var scope = preview ? PreviewVersionHandler.Enter() : null;
        return await new SessionService(client).CreateAsync(options, Request(idempotencyKey), cancellationToken);
    }

    public Task<Session> GetCheckoutSessionAsync(string id, bool expandLineItems, CancellationToken cancellationToken) =>
        new SessionService(client).GetAsync(Id(id), new SessionGetOptions { Expand = expandLineItems ? ExpandLineItems : null }, null, cancellationToken);

    public async Task<Session> UpdateCheckoutSessionAsync(string id, SessionUpdateOptions options, string? idempotencyKey, bool preview, CancellationToken cancellationToken)
    {
        using var scope = preview ? PreviewVersionHandler.Enter() : null;
        return await new SessionService(client).UpdateAsync(Id(id), options, Request(idempotencyKey), cancellationToken);
    }

    public Task<Session> ExpireCheckoutSessionAsync(string id, string? idempotencyKey, CancellationToken cancellationToken) =>
        new SessionService(client).ExpireAsync(Id(id), null, Request(idempotencyKey), cancellationToken);

    public Task<Product> CreateProductAsync(ProductCreateOptions options, string? idempotencyKey, CancellationToken cancellationToken) =>
        new ProductService(client).CreateAsync(options, Request(idempotencyKey), cancellationToken);

    public Task<StripeList<Price>> ListPricesAsync(PriceListOptions options, CancellationToken cancellationToken) =>
        new PriceService(client).ListAsync(options, null, cancellationToken);

    public Task<Price> CreatePriceAsync(PriceCreateOptions options, string? idempotencyKey, CancellationToken cancellationToken) =>
        new PriceService(client).CreateAsync(options, Request(idempotencyKey), cancellationToken);

    public Task<TaxRate> CreateTaxRateAsync(TaxRateCreateOptions options, string? idempotencyKey, CancellationToken cancellationToken) =>
        new TaxRateService(client).CreateAsync(options, Request(idempotencyKey), cancellationToken);

    private static RequestOptions? Request(string? idempotencyKey) =>
        idempotencyKey is null ? null : new RequestOptions { IdempotencyKey = idempotencyKey };

    /// <summary>Rejects blanks so that an empty id never turns a retrieve into a list call.</summary>
    private static string Id(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return id;
    }
}
