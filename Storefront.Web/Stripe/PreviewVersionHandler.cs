namespace Storefront.Web.Stripe;

/// <summary>
/// Appends <c>; checkout_server_update_beta=v1</c> to the Stripe-Version header Stripe.net sends (its version is
/// fixed in GA builds), but only for requests made inside <see cref="Enter"/>: the Preview-mode discount updates.
/// Every other request, and every retry of them, goes out on the plain pinned version.
/// </summary>
public sealed class PreviewVersionHandler : DelegatingHandler
{
    public const string BetaFlag = "checkout_server_update_beta=v1";

    private static readonly AsyncLocal<bool> InPreview = new();

    /// <summary>Marks the calls made until the scope is disposed (on this async flow) as preview requests.</summary>
    public static IDisposable Enter()
    {
        InPreview.Value = true;
        return new Scope();
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (InPreview.Value && request.Headers.TryGetValues("Stripe-Version", out var values))
        {
            var version = string.Join(";", values);
            if (!version.Contains(BetaFlag, StringComparison.Ordinal))
            {
                request.Headers.Remove("Stripe-Version");
                request.Headers.TryAddWithoutValidation("Stripe-Version", version + "; " + BetaFlag);
            }
        }

        return base.SendAsync(request, cancellationToken);
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => InPreview.Value = false;
    }
}
