using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Web.Admin;

/// <summary>
/// Shared behaviour of admin pages: entity rule violations become field errors, a failed post re-shows the form
/// with the right status, a saved one redirects with a notice (post-redirect-get).
/// </summary>
public abstract class AdminPageModel : PageModel
{
    /// <summary>Reloads what the page shows besides the bound form (lists, names) before it is re-rendered.</summary>
    /// <summary>
    /// A money field typed in major units ("24.00") as minor units, or null when empty; more decimals than the currency
    /// has is a field error. <paramref name="requiredMessage"/> makes an empty field an error too.
    /// </summary>
    protected long? MinorAmount(decimal? value, string field, string currency, string? requiredMessage = null)
    {
        if (value is null)
        {
            if (requiredMessage is not null)
            {
                ModelState.AddModelError(field, requiredMessage);
            }

            return null;
        }

        var minor = AdminMoney.ToMinor(value.Value, currency);
        if (minor is null)
        {
            ModelState.AddModelError(field, $"Use at most {Money.CurrencyInfo.Decimals(currency)} decimals.");
        }

        return minor;
    }

    protected virtual Task LoadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs entity methods; an <see cref="ArgumentException"/> or <see cref="InvalidOperationException"/> becomes a
    /// model error on the field named like the parameter ("percentOff" → "Input.PercentOff"), or on the form.
    /// </summary>
    protected bool TryApply(Action apply, IReadOnlyDictionary<string, string>? fieldForParameter = null)
    {
        try
        {
            apply();
            return true;
        }
        catch (ArgumentException ex)
        {
            ModelState.AddModelError(FieldFor(ex.ParamName, fieldForParameter), CleanMessage(ex));
            return false;
        }
        catch (InvalidOperationException ex)
        {
            ModelState.AddModelError("", ex.Message);
            return false;
        }
    }

    /// <summary>Re-shows the form with the posted values, a status code and an optional message on top.</summary>
    protected async Task<IActionResult> RedisplayAsync(int statusCode, string? error, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Response.StatusCode = statusCode;
        if (error is not null)
        {
            ViewData["Error"] = error;
        }

        return Page();
    }

    protected Task<IActionResult> InvalidAsync(CancellationToken cancellationToken) =>
        RedisplayAsync(StatusCodes.Status400BadRequest, "Please correct the highlighted fields.", cancellationToken);

    /// <summary>Saved: notice and redirect. Conflict: 409 with the form as posted. Rejected: 400.</summary>
    protected async Task<IActionResult> AfterSaveAsync(AdminSaveResult result, string notice, Func<IActionResult> redirect, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case AdminSaveOutcome.Saved:
                TempData["Notice"] = notice;
                return redirect();
            case AdminSaveOutcome.Conflict:
                return await RedisplayAsync(StatusCodes.Status409Conflict, result.Message, cancellationToken);
            default:
                return await RedisplayAsync(StatusCodes.Status400BadRequest, result.Message, cancellationToken);
        }
    }

    private string FieldFor(string? parameter, IReadOnlyDictionary<string, string>? map)
    {
        if (string.IsNullOrEmpty(parameter))
        {
            return "";
        }

        if (map is not null && map.TryGetValue(parameter, out var mapped))
        {
            return mapped;
        }

        var key = "Input." + char.ToUpperInvariant(parameter[0]) + parameter[1..];
        return ModelState.ContainsKey(key) ? key : "";
    }

    private static string CleanMessage(ArgumentException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        var line = message.IndexOf('\n', StringComparison.Ordinal);
        return (line >= 0 ? message[..line] : message).Trim();
    }
}
