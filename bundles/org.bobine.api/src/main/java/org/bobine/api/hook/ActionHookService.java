package org.bobine.api.hook;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type of a {@link ActionHook}: registers the component as a {@code ActionHook} service
 * for the named hooks, with a priority.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ActionHookService {

    /** The properties' common prefix. */
    String PREFIX_ = "bobine.hook.";

    /** @return the names of the hooks handled: {@link FilterHook#NAME} */
    String[] name();

    /** @return PeerTube's priority, higher first: {@link FilterHook#PRIORITY} */
    int priority() default FilterHook.DEFAULT_PRIORITY;
}
