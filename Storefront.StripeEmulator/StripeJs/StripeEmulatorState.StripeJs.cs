using System.Text.Json.Nodes;
using Storefront.StripeEmulator.Internal;

namespace Storefront.StripeEmulator;

/// <summary>Session views and customer-side changes used only by the Stripe.js stand-in (<c>StripeJs/</c>).</summary>
public sealed partial class StripeEmulatorState
{
    /// <summary>Sessions whose confirm asked for authentication (card 4000 0025 0000 3155) and await the shopper's answer.</summary>
    private readonly HashSet<string> _pendingAuthentications = new(StringComparer.Ordinal);

    internal void BeginAuthentication(string sessionId)
    {
        lock (Gate) _pendingAuthentications.Add(sessionId);
    }

    /// <summary>Consumes the pending authentication of the session; false when none was asked for.</summary>
    internal bool EndAuthentication(string sessionId)
    {
        lock (Gate) return _pendingAuthentications.Remove(sessionId);
    }

    /// <summary>
    /// The session as the stand-in script sees it: raw minor-unit amounts plus the names the API does not render
    /// (product names, shipping rate names and estimates, coupon names). The script formats the amounts.
    /// </summary>
    internal JsonObject RenderClientSession(string sessionId)
    {
        lock (Gate)
        {
            var s = FindSession(sessionId, null);
            var lines = new JsonArray();
            foreach (var l in s.Lines)
            {
                var price = Prices[l.PriceId];
                var taxes = new JsonArray();
                long exclusive = 0, inclusive = 0;
                foreach (var t in l.Taxes)
                {
                    var rate = TaxRates[t.TaxRateId];
                    if (rate.Inclusive) inclusive += t.Amount;
                    else exclusive += t.Amount;
                    taxes.Add(new JsonObject
                    {
                        ["display_name"] = rate.DisplayName,
                        ["percentage"] = rate.Percentage,
                        ["inclusive"] = rate.Inclusive,
                        ["amount"] = t.Amount,
                    });
                }
                lines.Add(new JsonObject
                {
                    ["id"] = l.Id,
                    ["price_id"] = price.Id,
                    ["name"] = Products.TryGetValue(price.ProductId, out var product) ? product.Name : price.Id,
                    ["quantity"] = l.Quantity,
                    ["unit_amount"] = price.UnitAmount,
                    ["amount_subtotal"] = l.AmountSubtotal,
                    ["amount_discount"] = l.AmountDiscount,
                    ["amount_tax"] = l.AmountTax,
                    ["tax_exclusive"] = exclusive,
                    ["tax_inclusive"] = inclusive,
                    ["taxes"] = taxes,
                    ["amount_total"] = l.AmountTotal,
                    ["recurring"] = price.Interval is null ? null : new JsonObject { ["interval"] = price.Interval, ["interval_count"] = price.IntervalCount },
                });
            }
            var discounts = new JsonArray();
            if (s.CouponId is not null && s.AmountDiscount > 0)
            {
                var coupon = Coupons.GetValueOrDefault(s.CouponId);
                discounts.Add(new JsonObject
                {
                    ["display_name"] = coupon?.Name ?? s.CouponId,
                    ["amount"] = s.AmountDiscount,
                    ["coupon"] = s.CouponId,
                    ["promotion_code"] = s.PromotionCode,
                    ["percent_off"] = coupon?.PercentOff,
                    ["duration"] = coupon?.Duration,
                    ["duration_in_months"] = coupon?.DurationInMonths,
                });
            }
            var options = new JsonArray();
            foreach (var o in s.ShippingOptions)
            {
                var rate = ShippingRates.GetValueOrDefault(o.ShippingRateId);
                options.Add(new JsonObject
                {
                    ["id"] = o.ShippingRateId,
                    ["display_name"] = rate?.DisplayName ?? o.ShippingRateId,
                    ["amount"] = o.Amount,
                    ["delivery_estimate"] = rate is null || (rate.Minimum is null && rate.Maximum is null) ? null : new JsonObject
                    {
                        ["minimum"] = rate.Minimum is null ? null : new JsonObject { ["unit"] = rate.Minimum.Unit, ["value"] = rate.Minimum.Value },
                        ["maximum"] = rate.Maximum is null ? null : new JsonObject { ["unit"] = rate.Maximum.Unit, ["value"] = rate.Maximum.Value },
                    },
                });
            }
            return new JsonObject
            {
                ["id"] = s.Id,
                ["status"] = s.Status,
                ["payment_status"] = s.PaymentStatus,
                ["mode"] = s.Mode,
                ["currency"] = s.Currency,
                ["email"] = s.CollectedEmail ?? s.CustomerEmail,
                ["line_items"] = lines,
                ["discounts"] = discounts,
                ["shipping_options"] = options,
                ["selected_shipping_rate"] = s.SelectedShippingRateId,
                ["shipping_address"] = s.ShippingDetails is null ? null : new JsonObject
                {
                    ["name"] = s.ShippingDetails.Name,
                    ["address"] = new JsonObject
                    {
                        ["line1"] = s.ShippingDetails.Address.Line1,
                        ["line2"] = s.ShippingDetails.Address.Line2,
                        ["city"] = s.ShippingDetails.Address.City,
                        ["state"] = s.ShippingDetails.Address.State,
                        ["postal_code"] = s.ShippingDetails.Address.PostalCode,
                        ["country"] = s.ShippingDetails.Address.Country,
                    },
                },
                ["totals"] = new JsonObject
                {
                    ["subtotal"] = s.AmountSubtotal,
                    ["discount"] = s.AmountDiscount,
                    ["shipping"] = s.AmountShipping,
                    ["tax_exclusive"] = s.AmountTaxExclusive,
                    ["tax_inclusive"] = s.AmountTaxInclusive,
                    ["total"] = s.AmountTotal,
                },
                ["permissions"] = new JsonObject
                {
                    ["update_line_items"] = s.Permissions.GetValueOrDefault("update_line_items"),
                    ["update_discounts"] = s.Permissions.GetValueOrDefault("update_discounts"),
                    ["update_shipping_details"] = s.Permissions.GetValueOrDefault("update_shipping_details"),
                },
            };
        }
    }

    /// <summary>
    /// A customer-typed promotion code (Stripe.js <c>applyPromotionCode</c>). The emulator has no promotion code
    /// resource, so the code is matched against coupon ids and coupon names (case-insensitive). Refused when
    /// <c>permissions.update_discounts</c> is <c>server_only</c>.
    /// </summary>
    internal void ApplyPromotionCodeAsClient(string sessionId, string code)
    {
        lock (Gate)
        {
            var s = FindOpenSession(sessionId);
            if (s.Permissions.GetValueOrDefault("update_discounts") == "server_only")
                throw new StripeEmulatorException(400, "invalid_request_error", StripeJsMessages.ClientDiscountUpdateForbidden, "discounts", "permission_denied");
            var trimmed = code.Trim();
            var coupon = Coupons.Values.OrderBy(c => c.Seq).FirstOrDefault(c =>
                string.Equals(c.Id, trimmed, StringComparison.OrdinalIgnoreCase) ||
                (c.Name is not null && string.Equals(c.Name, trimmed, StringComparison.OrdinalIgnoreCase)));
            if (trimmed.Length == 0 || coupon is null || (coupon.AmountOff is not null && coupon.Currency != s.Currency))
                throw new StripeEmulatorException(400, "invalid_request_error", StripeJsMessages.InvalidPromotionCode, "promotion_code", "invalid_promotion_code");
            s.CouponId = coupon.Id;
            s.PromotionCode = null;
            Recompute(s);
        }
    }

    /// <summary>Removes the session's discount as the customer (Stripe.js <c>removePromotionCode</c>).</summary>
    internal void RemovePromotionCodeAsClient(string sessionId)
    {
        lock (Gate)
        {
            var s = FindOpenSession(sessionId);
            if (s.Permissions.GetValueOrDefault("update_discounts") == "server_only")
                throw new StripeEmulatorException(400, "invalid_request_error", StripeJsMessages.ClientDiscountUpdateForbidden, "discounts", "permission_denied");
            s.CouponId = null;
            s.PromotionCode = null;
            Recompute(s);
        }
    }

    /// <summary>True when the session has shipping options and no shipping details yet.</summary>
    internal bool NeedsShippingDetails(string sessionId)
    {
        lock (Gate)
        {
            var s = FindSession(sessionId, null);
            return s.ShippingOptions.Count > 0 && s.ShippingDetails is null;
        }
    }

    /// <summary>The email the session will complete with (typed by the customer, else customer_email), or null.</summary>
    internal string? KnownEmail(string sessionId)
    {
        lock (Gate)
        {
            var s = FindSession(sessionId, null);
            return s.CollectedEmail ?? s.CustomerEmail;
        }
    }

    /// <summary>The session's status ("open", "complete", "expired"), expiring it first when due.</summary>
    internal string SessionStatus(string sessionId)
    {
        lock (Gate) return FindSession(sessionId, null).Status;
    }

    /// <summary>The session's return_url, or null.</summary>
    internal string? ReturnUrl(string sessionId)
    {
        lock (Gate) return FindSession(sessionId, null).ReturnUrl;
    }
}
