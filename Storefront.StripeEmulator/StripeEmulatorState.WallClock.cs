namespace Storefront.StripeEmulator;

public sealed partial class StripeEmulatorState
{
    /// <summary>
    /// The host's clock without the <see cref="AdvanceTime"/> offset. Stripe signs a webhook when it sends it, and the
    /// receiver checks the timestamp against its own clock, so signatures and delivery times use this, never the test clock.
    /// </summary>
    public DateTimeOffset WallClockNow => _time.GetUtcNow();
}
