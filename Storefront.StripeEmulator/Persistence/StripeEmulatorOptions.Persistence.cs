namespace Storefront.StripeEmulator;

public sealed partial class StripeEmulatorOptions
{
    /// <summary>
    /// Folder of the emulator's SQLite state file (<c>emulator.db</c>, WAL) and its lock file. Every change is committed
    /// before the HTTP answer leaves, so killing the process loses nothing acknowledged; only one process may use a
    /// folder at a time. Null: in memory only (tests). Standalone: <c>--data-dir</c> or <c>Emulator:DataDirectory</c>.
    /// </summary>
    public string? DataDirectory { get; set; }
}
