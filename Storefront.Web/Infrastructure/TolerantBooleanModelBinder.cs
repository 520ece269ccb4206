using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Storefront.Web.Infrastructure;

/// <summary>
/// Binds <c>bool</c> and <c>bool?</c> like the framework does, except that a value that is not a boolean
/// ("maybe") becomes a validation error whose remembered value is <c>false</c>. The framework keeps the raw text,
/// and re-rendering a checkbox for it throws, turning a bad form field into a 500.
/// </summary>
public sealed class TolerantBooleanModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        var text = result.FirstValue;
        var nullable = bindingContext.ModelType == typeof(bool?);
        if (string.IsNullOrWhiteSpace(text) && nullable)
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
            bindingContext.Result = ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }

        if (bool.TryParse(text?.Trim(), out var value))
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
            bindingContext.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, rawValue: false, attemptedValue: bool.FalseString);
        var messages = bindingContext.ModelMetadata.ModelBindingMessageProvider;
        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, string.IsNullOrWhiteSpace(text)
            ? messages.ValueMustNotBeNullAccessor(text ?? "")
            : messages.AttemptedValueIsInvalidAccessor(text, bindingContext.ModelMetadata.GetDisplayName()));
        bindingContext.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}

public sealed class TolerantBooleanModelBinderProvider : IModelBinderProvider
{
    private static readonly TolerantBooleanModelBinder Binder = new();

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        // Only values read through value providers (form, query, route); JSON bodies and headers keep their binders.
        var source = context.BindingInfo.BindingSource;
        var fromValueProviders = source is null || source == BindingSource.ModelBinding || source == BindingSource.Form
                                 || source == BindingSource.Query || source == BindingSource.Path;
        return fromValueProviders && (context.Metadata.ModelType == typeof(bool) || context.Metadata.ModelType == typeof(bool?)) ? Binder : null;
    }
}
