package kr.sbert.workbench.gui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;

/**
 * Loads FXML views with a controller factory that hands each controller the window's view
 * model through its constructor (no static singletons). Nested {@code fx:include}s use the
 * same factory.
 */
public final class Views {
    private Views() {
    }

    /**
     * A loaded view and its controller.
     *
     * @param <C> controller type
     */
    public record Loaded<C>(Parent root, C controller) {
    }

    /** Loads {@code XxxView.fxml} from beside {@code XxxController}. */
    public static <C> Loaded<C> load(Class<C> controllerClass, WorkbenchViewModel vm) {
        String name = controllerClass.getSimpleName().replace("Controller", "View") + ".fxml";
        URL url = controllerClass.getResource(name);
        if (url == null) {
            throw new IllegalStateException("no " + name + " beside " + controllerClass.getName());
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setControllerFactory(type -> create(type, vm));
        try {
            Parent root = loader.load();
            return new Loaded<>(root, controllerClass.cast(loader.getController()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + url, e);
        }
    }

    private static Object create(Class<?> type, WorkbenchViewModel vm) {
        try {
            for (Constructor<?> c : type.getConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == WorkbenchViewModel.class) {
                    return c.newInstance(vm);
                }
            }
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create controller " + type.getName(), e);
        }
    }
}
