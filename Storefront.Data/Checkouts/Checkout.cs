namespace Storefront.Data.Checkouts;

/// <summary>
/// The server-side cart of one Stripe Checkout Session: what the shopper is buying, priced by the server and
/// pushed into the session. Bound to its owner (visitor or user) and versioned, so two tabs cannot both win.
/// </summary>
public sealed class Checkout : IVersioned
{
    private readonly List<CheckoutLine> lines = new();

    private Checkout()
    {
    }

    public Checkout(string ownerKey, string? userId, string currency, CheckoutMode mode, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerKey);
        if (expiresAt <= now)
        {
            throw new ArgumentException("A checkout must expire in the future.", nameof(expiresAt));
        }

        Id = Guid.NewGuid();
        OwnerKey = ownerKey;
        UserId = userId;
        Currency = currency.ToLowerInvariant();
        Mode = mode;
        CreatedAt = now;
        ExpiresAt = expiresAt;
        Status = CheckoutStatus.Open;
    }

    public Guid Id { get; private set; }

    public string? StripeSessionId { get; private set; }

    public string OwnerKey { get; private set; } = "";

    public string? UserId { get; private set; }

    public string? CustomerEmail { get; private set; }

    public string Currency { get; private set; } = "usd";

    public CheckoutMode Mode { get; private set; }

    public CheckoutStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Promotion code the shopper entered (validated by the server before it is stored).</summary>
    public string? PromotionCode { get; private set; }

    /// <summary>Shipping address Stripe collected (read from the session by the server, never taken from the browser).</summary>
    public string? ShippingCountry { get; private set; }

    public string? ShippingState { get; private set; }

    public string? ShippingPostalCode { get; private set; }

    /// <summary>
    /// Set while one shopper action is between "claimed" and "saved" (it spans the Stripe call), so a second action
    /// racing it answers 409 instead of pushing its own update into the same session. Expires on its own after a crash.
    /// </summary>
    public DateTimeOffset? UpdateLeaseUntil { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<CheckoutLine> Lines => lines;

    public void BumpVersion() => Version++;

    public bool IsUpdatableAt(DateTimeOffset now) => Status == CheckoutStatus.Open && ExpiresAt > now;

    public void BindStripeSession(string sessionId)
    {
        if (StripeSessionId is not null && StripeSessionId != sessionId)
        {
            throw new InvalidOperationException("A checkout is bound to one Stripe session.");
        }

        StripeSessionId = sessionId;
    }

    public void SetCustomerEmail(string? email) => CustomerEmail = string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    public void SetPromotionCode(string? code) => PromotionCode = string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();

    public void SetShippingAddress(string? country, string? state, string? postalCode)
    {
        ShippingCountry = string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant();
        ShippingState = string.IsNullOrWhiteSpace(state) ? null : state.Trim().ToUpperInvariant();
        ShippingPostalCode = string.IsNullOrWhiteSpace(postalCode) ? null : postalCode.Trim();
    }

    public void EndUpdateLease() => UpdateLeaseUntil = null;

    /// <summary>Puts the lines in this order (the order of the Stripe session) and drops any line not listed.</summary>
    public void ArrangeLines(IReadOnlyList<CheckoutLine> ordered)
    {
        if (ordered.Any(l => !lines.Contains(l)))
        {
            throw new InvalidOperationException("Only this checkout's lines can be arranged.");
        }

        lines.RemoveAll(l => !ordered.Contains(l));
        lines.Sort((a, b) => IndexOf(ordered, a).CompareTo(IndexOf(ordered, b)));
        for (var i = 0; i < lines.Count; i++)
        {
            lines[i].MoveTo(i);
        }

        static int IndexOf(IReadOnlyList<CheckoutLine> list, CheckoutLine line)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (ReferenceEquals(list[i], line))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    public CheckoutLine AddLine(int productId, int priceId, int quantity, CheckoutLineKind kind)
    {
        var line = new CheckoutLine(productId, priceId, quantity, kind, lines.Count);
        lines.Add(line);
        return line;
    }

    public void RemoveLine(CheckoutLine line)
    {
        lines.Remove(line);
        for (var i = 0; i < lines.Count; i++)
        {
            lines[i].MoveTo(i);
        }
    }

    /// <summary>
    /// Stripe took the payment. That is the truth even if we had already given up on the checkout (the shopper paid
    /// in one tab while starting over in another), so completing an expired checkout is allowed.
    /// </summary>
    public void Complete() => Status = CheckoutStatus.Complete;

    public void Expire()
    {
        if (Status == CheckoutStatus.Open)
        {
            Status = CheckoutStatus.Expired;
        }
    }

    /// <summary>
    /// The customer deleted their account: the checkout keeps its lines, totals and tax region but no longer names
    /// them (owner, e-mail, postal code). An open one can no longer be reached by anyone.
    /// </summary>
    public void ForgetCustomer()
    {
        OwnerKey = $"erased:{Id:N}";
        UserId = null;
        CustomerEmail = null;
        ShippingPostalCode = null;
    }
}
