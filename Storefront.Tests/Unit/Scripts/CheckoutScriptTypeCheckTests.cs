using Storefront.Tests.Support;

namespace Storefront.Tests.Unit.Scripts;

/// <summary>
/// checkout.js is plain JavaScript with <c>// @ts-check</c> and JSDoc types from @stripe/stripe-js: TypeScript (strict)
/// checks every Stripe.js call it makes against the endive types, so a call to a method Stripe.js does not have, or a
/// result read without handling its <c>{type:'error'}</c> case, fails here rather than in a shopper's browser.
/// </summary>
public sealed class CheckoutScriptTypeCheckTests
{
    [Fact]
    public async Task CheckoutJs_TypeChecks_AgainstStripeJsTypes()
    {
        var result = await TypeScriptCompiler.CheckProjectAsync();
        Assert.True(result.Passed, "tsc -p tsconfig.json failed:\n" + result.Output);
    }

    [Fact]
    public async Task CheckoutJs_IsCheckedStrictly_AndUsesOnlyTheEndiveSurface()
    {
        var script = await File.ReadAllTextAsync(Path.Combine(TypeScriptCompiler.RepositoryRoot, "Storefront.Web", "wwwroot", "js", "checkout.js"));
        Assert.StartsWith("// @ts-check", script, StringComparison.Ordinal);
        Assert.Contains("initCheckoutElementsSdk(", script, StringComparison.Ordinal);
        Assert.Contains("loadActions()", script, StringComparison.Ordinal);
        Assert.DoesNotContain(".initCheckout(", script, StringComparison.Ordinal);
        Assert.DoesNotContain("fetchClientSecret:", script, StringComparison.Ordinal);
        Assert.DoesNotContain("checkout.session()", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCheck_CanFail_OnABasilEraCall()
    {
        // The same compiler and types refuse the basil-era surface: proof that the project check above can fail.
        var result = await TypeScriptCompiler.CheckSourceAsync($$"""
            import type { StripeCheckoutElementsSdk } from '{{TypeScriptCompiler.StripeJsTypes}}';
            declare const checkout: StripeCheckoutElementsSdk;
            checkout.session();
            """);
        Assert.False(result.Passed);
        Assert.Contains("Property 'session' does not exist", result.Output, StringComparison.Ordinal);
    }
}
