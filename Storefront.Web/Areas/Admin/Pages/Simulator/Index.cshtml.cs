using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Data.Loyalty;
using Storefront.Web.Checkout;
using Storefront.Web.Infrastructure;
using Storefront.Web.Pricing;

namespace Storefront.Web.Areas.Admin.Pages.Simulator;

/// <summary>
/// "What would this cart cost?": a merchant builds a cart, picks a tier, a destination and a date, and sees the
/// discounts with their reasons, shipping and tax — priced by the very engine and rules the checkout uses.
/// A GET form: simulating changes nothing.
/// </summary>
public sealed class IndexModel(StorefrontDbContext db, PricingEngine engine, PricingRulesSource rules, TimeProvider clock, IOptions<ShopOptions> shop) : PageModel
{
    public const int Rows = 5;

    [BindProperty(SupportsGet = true)]
    public List<SimulatedLine> Lines { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public int? TierId { get; set; }

    [BindProperty(SupportsGet = true)]
    [RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "A country is a two-letter code such as US.")]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(10)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? At { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(40)]
    public string? Code { get; set; }

    public IReadOnlyList<(int PriceId, string Label)> PriceOptions { get; private set; } = [];

    public IReadOnlyList<LoyaltyTier> Tiers { get; private set; } = [];

    public Quote? Quote { get; private set; }

    public string Currency => shop.Value.Currency;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Tiers = await db.LoyaltyTiers.AsNoTracking().OrderBy(t => t.MinimumLifetimeSpend).ToListAsync(cancellationToken);
        var prices = await db.Prices.AsNoTracking().Include(p => p.Product)
            .Where(p => p.IsActive && p.Product.IsActive && p.Currency == Currency && !p.Product.IsComplimentary)
            .OrderBy(p => p.Product.Name).ThenBy(p => p.Interval)
            .ToListAsync(cancellationToken);
        PriceOptions = prices.Select(p => (p.Id, $"{p.Product.Name}{IntervalLabel(p.Interval)} — {Money.MoneyFormatter.Format(p.UnitAmount, p.Currency)}")).ToList();
        while (Lines.Count < Rows)
        {
            Lines.Add(new SimulatedLine());
        }

        var chosen = Lines.Where(l => l.PriceId is not null && l.Quantity is > 0).ToList();
        if (chosen.Count == 0)
        {
            return Page();
        }

        if (chosen.Any(l => l.Quantity > 99) || !ModelState.IsValid)
        {
            ModelState.AddModelError(string.Empty, "Check the form: quantities are 1–99, the country is a two-letter code.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var byId = prices.ToDictionary(p => p.Id);
        if (chosen.Any(l => !byId.ContainsKey(l.PriceId!.Value)))
        {
            ModelState.AddModelError(string.Empty, "A chosen price is no longer sold.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var tracked = (await db.StockLevels.AsNoTracking().Select(s => s.ProductId).ToListAsync(cancellationToken)).ToHashSet();
        var pricingLines = chosen.Select((l, i) =>
        {
            var price = byId[l.PriceId!.Value];
            var kind = price.Product.Kind == ProductKind.AddOn ? CheckoutLineKind.AddOn : CheckoutLineKind.Product;
            return new PricingLine($"row{i}", price.ProductId, price.Product.Name, price.Product.Kind, price.Id, price.UnitAmount, price.Interval, l.Quantity!.Value, kind, tracked.Contains(price.ProductId));
        }).ToList();
        var tier = Tiers.FirstOrDefault(t => t.Id == TierId);
        var customer = tier is null ? CustomerContext.Guest : new CustomerContext("simulated-customer", tier.MinimumLifetimeSpend, null);
        var address = string.IsNullOrWhiteSpace(Country) ? null : new ShippingAddress(Country.ToUpperInvariant(), string.IsNullOrWhiteSpace(State) ? null : State.ToUpperInvariant(), null);
        var now = At is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : clock.GetUtcNow();

        Quote = engine.Price(new PricingRequest(Currency, pricingLines, customer, address, string.IsNullOrWhiteSpace(Code) ? null : Code.Trim().ToUpperInvariant(), null, now),
            await rules.GetAsync(cancellationToken));
        return Page();
    }

    private static string IntervalLabel(BillingInterval interval) => interval switch
    {
        BillingInterval.Month => " (monthly)",
        BillingInterval.Year => " (yearly)",
        _ => "",
    };

    public sealed class SimulatedLine
    {
        public int? PriceId { get; set; }

        [Range(1, 99)]
        public int? Quantity { get; set; }
    }
}
