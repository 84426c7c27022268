package org.vladapter.shapes;

/**
 * An NLVR2-like statement about a pair of images.
 *
 * @param identifier {@code <split>-<set>-<pair>-0}: the statement of set {@code set} judged on its pair
 *     {@code pair}; NLVR2's consistency groups the pairs of one statement by blanking the third field
 * @param left the left image (scene id {@code <split>-<set>-<pair>-img0})
 * @param right the right image ({@code ...-img1})
 * @param sentence the statement
 * @param label whether it is true for the pair
 * @param uid a unique id ({@code nlvr2_<split>_<n>})
 */
public record NlvrStatement(String identifier, Scene left, Scene right, String sentence, boolean label, String uid) {}
