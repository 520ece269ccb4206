using Microsoft.Extensions.Options;

namespace Storefront.StripeEmulator.Persistence;

/// <summary>
/// Owns the store of a persistent emulator (<see cref="StripeEmulatorOptions.DataDirectory"/> set): opens it (taking the
/// folder's lock) when the state is created, and flushes and closes it when the host's services are disposed.
/// </summary>
internal sealed class EmulatorPersistence(IOptions<StripeEmulatorOptions> options) : IDisposable
{
    private EmulatorStore? _store;
    private StripeEmulatorState? _state;

    public void Attach(StripeEmulatorState state)
    {
        var directory = options.Value.DataDirectory;
        if (string.IsNullOrWhiteSpace(directory)) return;
        _store = EmulatorStore.Open(Path.GetFullPath(directory));
        _state = state;
        state.AttachStore(_store);
    }

    public void Dispose()
    {
        _state?.DetachStore();
        _store?.Dispose();
        _store = null;
    }
}
