using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Storefront.Web.Stripe;

/// <summary>Where the Stripe API lives, decided per request so that the emulator's address can be learnt late.</summary>
public interface IStripeBaseAddressProvider
{
    /// <summary>The API root, without <c>/v1</c>: <c>https://api.stripe.com</c> or <c>http://127.0.0.1:5000/_stripe</c>.</summary>
    Uri GetBaseAddress();
}

/// <summary>
/// Resolution order: <see cref="StripeOptions.ApiBase"/>; else <c>https://api.stripe.com</c> when keys are configured;
/// else (emulator mode) the shop's own address + <see cref="StripeOptions.EmulatorPathPrefix"/>. The shop's address
/// is the one given to <see cref="SetHostAddress"/>, or failing that the first address the Kestrel server listens on.
/// </summary>
public sealed class StripeBaseAddressProvider : IStripeBaseAddressProvider
{
    public static readonly Uri StripeApi = new("https://api.stripe.com/");

    private readonly IOptions<StripeOptions> _options;
    private readonly IServiceProvider? _services;
    private volatile Uri? _hostAddress;

    public StripeBaseAddressProvider(IOptions<StripeOptions> options, IServiceProvider? services = null)
    {
        _options = options;
        _services = services;
    }

    /// <summary>Tells the provider the shop's own root (e.g. <c>http://127.0.0.1:5000</c>); call once the server has started.</summary>
    public void SetHostAddress(Uri hostAddress)
    {
        ArgumentNullException.ThrowIfNull(hostAddress);
        if (!hostAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("The host address must be absolute.", nameof(hostAddress));
        }

        _hostAddress = hostAddress;
    }

    public Uri GetBaseAddress()
    {
        var options = _options.Value;
        if (!string.IsNullOrWhiteSpace(options.ApiBase))
        {
            return new Uri(options.ApiBase, UriKind.Absolute);
        }

        if (!options.UsesEmulator)
        {
            return StripeApi;
        }

        var host = _hostAddress ?? FromServer()
            ?? throw new InvalidOperationException(
                "Stripe runs in emulator mode but the shop's own address is unknown: call StripeBaseAddressProvider.SetHostAddress "
                + "once the server has started, or set Stripe:ApiBase.");
        return new Uri(host.GetLeftPart(UriPartial.Authority).TrimEnd('/') + "/" + options.EmulatorPathPrefix.Trim('/'), UriKind.Absolute);
    }

    private Uri? FromServer()
    {
        var addresses = (_services?.GetService(typeof(IServer)) as IServer)?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null)
        {
            return null;
        }

        foreach (var address in addresses.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 1 : 0))
        {
            // Kestrel reports wildcards as http://[::]:5000, http://+:5000 or http://*:5000; talk to ourselves over loopback.
            var normalised = address
                .Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
                .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal)
                .Replace("://[::]:", "://127.0.0.1:", StringComparison.Ordinal)
                .Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal);
            if (Uri.TryCreate(normalised, UriKind.Absolute, out var uri))
            {
                _hostAddress = uri;
                return uri;
            }
        }

        return null;
    }
}
