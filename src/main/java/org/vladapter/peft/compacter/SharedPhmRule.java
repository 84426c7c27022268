package org.vladapter.peft.compacter;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.vladapter.nn.Module;
import org.vladapter.nn.Initializers;

/**
 * The rule tensor shared by every PHM layer when {@code sharedPhmRule} is on, registered once at the model
 * root as {@value #ROOT_NAME} (parameter {@code shared_phm_rule.phm_rule}). The original keeps it as
 * {@code phm_rule} on the top model; unlike the original (where it stays frozen because it lies outside any
 * adapter controller), {@link org.vladapter.peft.TrainableSelector} trains it with the Compacters.
 */
public final class SharedPhmRule extends Module {

    /** The root name of this module. */
    public static final String ROOT_NAME = "shared_phm_rule";

    private final Parameter rule;
    private final int phmDim;

    /**
     * @param phmDim n
     * @param initRange std of the normal initialisation
     */
    public SharedPhmRule(int phmDim, double initRange) {
        this.phmDim = phmDim;
        this.rule = param("phm_rule", new Shape(phmDim, phmDim, phmDim), Initializers.normal(initRange));
    }

    /** @return the rule parameter [n, n, n] */
    public Parameter rule() {
        return rule;
    }

    /** @return n */
    public int phmDim() {
        return phmDim;
    }
}
