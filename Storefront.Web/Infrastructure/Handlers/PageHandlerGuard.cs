using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Net.Http.Headers;
using Storefront.Web.Checkout;
using Storefront.Web.Stripe;

namespace Storefront.Web.Infrastructure.Handlers;

/// <summary>
/// Answers requests a Razor Pages handler cannot honour before anything runs, so malformed input is a clear 4xx and
/// never a 500: a named handler the page lacks is 404; a method the page has no handler for (a POST to a page without
/// OnPost, OPTIONS, TRACE) is 405; a JSON handler refuses another media type or a charset other than UTF-8 (415) and a
/// body that does not bind (400, with a message). Stripe failures escaping a JSON handler become its 502 JSON error.
/// </summary>
public sealed class PageHandlerGuard : IAsyncPageFilter
{
    public const string InvalidBodyMessage = "That request is not valid: send the session id and the change, nothing else.";

    private static readonly object RefusalKey = new();

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        var refusal = Refuse(context);
        if (refusal is not null)
        {
            // Selection cannot answer by itself: drop the handler (so nothing binds) and answer in the execution stage.
            context.HandlerMethod = null;
            context.HttpContext.Items[RefusalKey] = refusal;
        }

        return Task.CompletedTask;
    }

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.Items.TryGetValue(RefusalKey, out var refusal) && refusal is IActionResult result)
        {
            context.Result = result;
            return;
        }

        if (context.HandlerMethod is { } handler && BodyParameter(handler) is { } body
            && (!context.ModelState.IsValid || !context.HandlerArguments.TryGetValue(body.Name, out var argument) || argument is null))
        {
            context.Result = JsonError(StatusCodes.Status400BadRequest, InvalidBodyMessage + Detail(context.ModelState));
            return;
        }

        var executed = await next();
        if (executed.Exception is global::Stripe.StripeException && !executed.ExceptionHandled && context.HandlerMethod is { } h && BodyParameter(h) is not null)
        {
            var failure = CheckoutException.StripeFailed();
            executed.Result = JsonError(failure.StatusCode, failure.Message);
            executed.ExceptionHandled = true;
        }
    }

    private static IActionResult? Refuse(PageHandlerSelectedContext context)
    {
        var request = context.HttpContext.Request;
        var requested = RequestedHandler(context);

        // Razor Pages falls back to the unnamed handler when the named one is missing; a name it lacks is a 404 here.
        if (requested is not null && !string.Equals(context.HandlerMethod?.Name, requested, StringComparison.OrdinalIgnoreCase))
        {
            return new NotFoundResult();
        }

        if (context.HandlerMethod is null)
        {

            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            {
                var allowed = context.ActionDescriptor.HandlerMethods.Where(m => m.Name is null).Select(m => m.HttpMethod.ToUpperInvariant())
                    .Append("GET").Append("HEAD").Distinct();
                context.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
                return new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            }

            return null;
        }

        if (BodyParameter(context.HandlerMethod) is null)
        {
            return null;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !(mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
        {
            return JsonError(StatusCodes.Status415UnsupportedMediaType, "Send the request as application/json.");
        }

        var charset = mediaType.Charset;
        if (charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return JsonError(StatusCodes.Status415UnsupportedMediaType, "Send the request as UTF-8 JSON.");
        }

        return null;
    }

    /// <summary>The handler name the request asked for (route value first, as Razor Pages reads it, then the query).</summary>
    private static string? RequestedHandler(PageHandlerSelectedContext context)
    {
        var name = context.RouteData.Values["handler"]?.ToString();
        if (string.IsNullOrEmpty(name))
        {
            name = context.HttpContext.Request.Query["handler"].ToString();
        }

        return string.IsNullOrEmpty(name) ? null : name;
    }

    private static Microsoft.AspNetCore.Mvc.Abstractions.ParameterDescriptor? BodyParameter(HandlerMethodDescriptor handler) =>
        handler.Parameters.FirstOrDefault(p => p.BindingInfo?.BindingSource == BindingSource.Body);

    /// <summary>Where the body went wrong (a JSON path), never the formatter's text: that names .NET types.</summary>
    private static string Detail(ModelStateDictionary state)
    {
        var key = state.FirstOrDefault(e => e.Value?.Errors.Count > 0).Key;
        return key is null || !key.StartsWith('$') ? "" : $" (at {(key.Length > 60 ? key[..60] : key)})";
    }

    public static JsonResult JsonError(int status, string message) => new(new { type = "error", message }) { StatusCode = status };
}
