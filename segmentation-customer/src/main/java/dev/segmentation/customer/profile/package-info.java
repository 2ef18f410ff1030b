/**
 * Why a customer is where they are: segment profiles (size, share, feature means against the whole
 * base), per-customer explanations of a nearest-prototype model (assigned segment, runner-up,
 * margin, per-feature contributions; {@link dev.segmentation.customer.profile.Explainer#of}), soft
 * memberships and far-from-segment flags.
 */
package dev.segmentation.customer.profile;
