//! Where the window keeps saved games: files in the user's data folder on the desktop
//! (written atomically), the browser's local storage on the web. Saves are addressed by
//! name: the autosave, and a few numbered slots.

/// The autosave's name.
pub(super) const AUTOSAVE: &str = "autosave";

/// The autosave before the last one, kept in case the last is damaged.
pub(super) const AUTOSAVE_PREV: &str = "autosave.prev";

/// The slots a player can save into.
pub(super) const SLOTS: [&str; 5] = ["save-1", "save-2", "save-3", "save-4", "save-5"];

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use crate::session;

    fn path(name: &str) -> std::path::PathBuf {
        session::save_dir().join(format!("{name}.ron"))
    }

    /// The save's text, if there is one.
    pub fn read(name: &str) -> Option<Result<String, String>> {
        let p = path(name);
        p.is_file()
            .then(|| crate::content::read_text(&p).map_err(|e| format!("{}: {e}", p.display())))
    }

    /// Write a save; returns where it went. The autosave keeps the one it replaces.
    pub fn write(name: &str, text: &str) -> Result<String, String> {
        let p = path(name);
        p.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                if name == super::AUTOSAVE {
                    session::write_keeping_previous(&p, &path(super::AUTOSAVE_PREV), text)
                } else {
                    session::write_atomic(&p, text)
                }
            })
            .map_err(|e| format!("{}: {e}", p.display()))?;
        Ok(p.display().to_string())
    }

    /// Where a save lives, for messages.
    pub fn location(name: &str) -> String {
        path(name).display().to_string()
    }

    /// Write a document (the printable report, `file` with its extension) beside the
    /// saves; returns where.
    pub fn write_document(file: &str, _mime: &str, text: &str) -> Result<String, String> {
        let p = session::save_dir().join(file);
        p.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| session::write_atomic(&p, text))
            .map_err(|e| format!("{}: {e}", p.display()))?;
        Ok(p.display().to_string())
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    fn key(name: &str) -> String {
        format!("amu-darya/{name}")
    }

    fn storage() -> Result<web_sys::Storage, String> {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .ok_or_else(|| "this browser does not allow local storage".to_string())
    }

    pub fn read(name: &str) -> Option<Result<String, String>> {
        match storage() {
            Ok(s) => s.get_item(&key(name)).ok().flatten().map(Ok),
            Err(e) => Some(Err(e)),
        }
    }

    pub fn write(name: &str, text: &str) -> Result<String, String> {
        let s = storage()?;
        let refused = |_| "the browser's storage is full or refused the save".to_string();
        if name == super::AUTOSAVE
            && let Ok(Some(old)) = s.get_item(&key(name))
        {
            s.set_item(&key(super::AUTOSAVE_PREV), &old)
                .map_err(refused)?;
        }
        s.set_item(&key(name), text).map_err(refused)?;
        Ok(location(name))
    }

    pub fn location(name: &str) -> String {
        format!("the browser's storage ({})", key(name))
    }

    /// Offer a document (the printable report, `file` with its extension) as a download.
    pub fn write_document(file: &str, mime: &str, text: &str) -> Result<String, String> {
        use wasm_bindgen::JsCast;
        let fail = |_| "the browser refused the download".to_string();
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob =
            web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| "no document".to_string())?;
        let a: web_sys::HtmlAnchorElement = document
            .create_element("a")
            .map_err(fail)?
            .dyn_into()
            .map_err(|_| "no link element".to_string())?;
        let file = file.to_string();
        a.set_href(&url);
        a.set_download(&file);
        a.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        Ok(file)
    }
}

pub(super) use imp::{location, read, write, write_document};
