using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Storefront.Web.Infrastructure;

/// <summary>Model-binding errors are shown to shoppers as they are, so they are phrased for people, not developers.</summary>
public static class ShopperFacingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"'{value}' is not a valid value for {field}.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"'{value}' is not a valid value.");
        messages.SetValueIsInvalidAccessor(value => $"'{value}' is not a valid value.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Enter a number.");
        messages.SetValueMustBeANumberAccessor(field => $"{field} must be a number.");
        messages.SetValueMustNotBeNullAccessor(_ => "Enter a value.");
        messages.SetMissingBindRequiredValueAccessor(field => $"{field} is required.");
        messages.SetMissingKeyOrValueAccessor(() => "A value is required.");
        messages.SetUnknownValueIsInvalidAccessor(field => $"The value for {field} is not valid.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "The value is not valid.");
    }
}
