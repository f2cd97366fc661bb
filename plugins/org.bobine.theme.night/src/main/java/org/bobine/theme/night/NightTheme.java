package org.bobine.theme.night;

import java.net.URL;
import java.util.List;

import org.bobine.api.theme.Theme;
import org.osgi.service.component.annotations.Component;

/**
 * The night theme: Bobine's pages in dark colours. Its only file, {@code night.css}, redefines the custom
 * properties that every page takes its colours from.
 */
@Component(service = Theme.class)
public class NightTheme implements Theme {

    @Override
    public String name() {
        return "night";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "Dark colours for evening viewing";
    }

    @Override
    public List<String> cssFiles() {
        return List.of("night.css");
    }

    @Override
    public URL resource(String path) {
        return NightTheme.class.getResource("/theme/" + path);
    }
}
