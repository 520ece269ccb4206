using System.Globalization;

namespace Storefront.StripeEmulator.Internal;

/// <summary>
/// What changes with <c>Stripe-Version</c> (see the design notes, STRIPE.md): the ui_mode names (renamed in dahlia),
/// line-item updates (GA from 2025-12-15.clover) and the private-preview parameters, which need the
/// <c>checkout_server_update_beta</c> flag and an account with access (<see cref="StripeEmulatorOptions.PreviewAccess"/>).
/// Unknown or unparsable versions are treated as the newest (Stripe rejects them earlier; the emulator is lenient).
/// </summary>
internal static class ApiVersionRules
{
    public const string BetaFlag = "checkout_server_update_beta=";

    private static readonly DateOnly Clover = new(2025, 9, 30);
    private static readonly DateOnly LineItemsGa = new(2025, 12, 15);
    private static readonly DateOnly Dahlia = new(2026, 3, 25);

    public static readonly string[] OldUiModes = ["hosted", "embedded", "custom"];
    public static readonly string[] NewUiModes = ["hosted_page", "embedded_page", "elements", "form"];

    public static DateOnly DateOf(string apiVersion) =>
        apiVersion.Length >= 10 && DateOnly.TryParseExact(apiVersion[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : DateOnly.MaxValue;

    public static bool RenamedUiModes(string apiVersion) => DateOf(apiVersion) >= Dahlia;

    public static bool DiscountSource(string apiVersion) => DateOf(apiVersion) >= Clover;

    public static bool LineItemUpdatesGa(string apiVersion) => DateOf(apiVersion) >= LineItemsGa;

    /// <summary>The ui_mode names this version knows.</summary>
    public static string[] UiModes(string apiVersion) => RenamedUiModes(apiVersion) ? NewUiModes : OldUiModes;

    /// <summary>Whether a ui_mode takes a return_url and no success_url (everything but the hosted page).</summary>
    public static bool IsEmbeddedLike(string uiMode) => uiMode is not ("hosted" or "hosted_page");
}
