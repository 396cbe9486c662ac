import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { createDeskRouter } from './router';
import { installTestHook } from './test-hook';
import './styles/base.css';

const pinia = createPinia();
const app = createApp(App).use(pinia).use(i18n).use(createDeskRouter());
installTestHook(pinia);
app.mount('#app');
