using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Storefront.StripeEmulator.Internal;

namespace Storefront.StripeEmulator.Access;

/// <summary>What a request may do: call the API (its key is one of ours) or drive the emulator (control, dashboard).</summary>
internal enum ControlDecision { Allowed, Hidden, Challenged, Forbidden }

/// <summary>Resolves the accepted API keys once and decides control access with the host's own authorization policy.</summary>
internal sealed class EmulatorAccess
{
    // Assumed texts (emulator-only endpoints have no Stripe counterpart).
    public const string ControlNeedsLogin = "Sign in with an account allowed to control the Stripe emulator.";
    public const string ControlForbidden = "This account may not control the Stripe emulator.";

    private readonly StripeEmulatorOptions _options;
    private readonly bool _development;
    private readonly byte[][] _keys;

    public EmulatorAccess(IOptions<StripeEmulatorOptions> options, IHostEnvironment? environment = null)
    {
        _options = options.Value;
        _development = environment?.IsDevelopment() ?? false;
        var keys = _options.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            GeneratedKey = !_development;
            keys.Add(_development ? StripeEmulatorOptions.DevelopmentApiKey : "sk_test_" + Ids.Random(32));
        }
        ApiKeys = keys;
        _keys = keys.Select(k => Encoding.UTF8.GetBytes(k)).ToArray();
    }

    /// <summary>The keys the API accepts.</summary>
    public IReadOnlyList<string> ApiKeys { get; }

    /// <summary>True when no key was configured outside Development and a random one was made (the standalone program prints it).</summary>
    public bool GeneratedKey { get; }

    public bool IsApiKey(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        var match = false;
        foreach (var k in _keys) match |= CryptographicOperations.FixedTimeEquals(k, bytes);
        return match;
    }

    public async Task<ControlDecision> DecideControlAsync(HttpContext ctx)
    {
        if (_options.AllowAnonymousControl || _development) return ControlDecision.Allowed;
        if (string.IsNullOrEmpty(_options.ControlAuthorizationPolicy)) return ControlDecision.Hidden;
        var provider = ctx.RequestServices.GetService<IAuthorizationPolicyProvider>();
        var evaluator = ctx.RequestServices.GetService<IPolicyEvaluator>();
        if (provider is null || evaluator is null)
            throw new InvalidOperationException("StripeEmulatorOptions.ControlAuthorizationPolicy needs the host's AddAuthorization().");
        var policy = await provider.GetPolicyAsync(_options.ControlAuthorizationPolicy)
                     ?? throw new InvalidOperationException($"No authorization policy named '{_options.ControlAuthorizationPolicy}'.");
        // The emulator runs before the host's UseAuthentication: sign the user in from the default scheme ourselves.
        if (policy.AuthenticationSchemes.Count == 0 && ctx.User.Identity?.IsAuthenticated != true
            && await ctx.AuthenticateAsync() is { Succeeded: true } signedIn)
            ctx.User = signedIn.Principal;
        var authentication = await evaluator.AuthenticateAsync(policy, ctx);
        var authorization = await evaluator.AuthorizeAsync(policy, authentication, ctx, resource: null);
        if (authorization.Succeeded) return ControlDecision.Allowed;
        return authorization.Challenged ? ControlDecision.Challenged : ControlDecision.Forbidden;
    }

    /// <summary>
    /// Answers a refused control request: the dashboard (a page) challenges or forbids through the host's schemes, so an
    /// admin lands on the login page; the JSON control API answers 401/403 in Stripe's error shape; hidden is 404.
    /// </summary>
    public static async Task RefuseAsync(HttpContext ctx, ControlDecision decision, bool page, string path, string mountPrefix)
    {
        if (decision == ControlDecision.Hidden || !page)
        {
            var (status, message) = decision switch
            {
                ControlDecision.Challenged => (401, ControlNeedsLogin),
                ControlDecision.Forbidden => (403, ControlForbidden),
                _ => (404, $"Unrecognized request URL ({ctx.Request.Method}: {path})."),
            };
            await EmulatorHttpHandler.WriteError(ctx, new StripeEmulatorException(status, "invalid_request_error", message));
            return;
        }
        // Inside the mounted branch PathBase ends with the prefix; the host's login page and return URL live outside it.
        var (pathBase, requestPath) = (ctx.Request.PathBase, ctx.Request.Path);
        if (mountPrefix.Length > 0 && pathBase.Value?.EndsWith(mountPrefix, StringComparison.Ordinal) == true)
        {
            ctx.Request.PathBase = new PathString(pathBase.Value[..^mountPrefix.Length]);
            ctx.Request.Path = new PathString(mountPrefix).Add(requestPath);
        }
        try
        {
            if (decision == ControlDecision.Challenged) await ctx.ChallengeAsync();
            else await ctx.ForbidAsync();
        }
        finally
        {
            (ctx.Request.PathBase, ctx.Request.Path) = (pathBase, requestPath);
        }
    }
}
